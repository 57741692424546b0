import type AgoraChatSdk from "agora-chat";

export type ChatSdk = typeof AgoraChatSdk;

// What a login needs and a first visit does not, loaded on demand to keep
// the first load small: the SDK (the bulk of the page's JavaScript), the
// session logic and the token client with its schema library. The bundler
// keeps each module once, and retries a chunk whose load failed.

/** agora-chat touches `self` when imported, so: browser only. */
export async function loadChatSdk(): Promise<ChatSdk> {
  const { default: AgoraChat } = await import("agora-chat");
  AgoraChat.logger.setLevel(3);

  return AgoraChat;
}

export async function loadSessionCode() {
  const [{ ChatSession }, { fetchUserToken }] = await Promise.all([
    import("./session"),
    import("./token-api"),
  ]);

  return { ChatSession, fetchUserToken };
}

/**
 * Starts loading what a login needs when someone shows they are about to
 * log in, so the click does not wait for it. Login reports a real failure
 * itself.
 */
export function preloadLoginCode(): void {
  Promise.all([loadChatSdk(), loadSessionCode()]).catch((error: unknown) => {
    console.warn("login code could not be preloaded; login will retry", error);
  });
}
