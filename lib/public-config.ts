/**
 * What the browser may know about the chat backend: no secret ever goes in
 * here. The server builds it from its environment at request time and hands
 * it to the page, so one build can be pointed anywhere.
 */
export interface PublicChatConfig {
  mode: "emulator" | "agora";
  appKey: string;
  /** WebSocket URL for the SDK; null lets the SDK discover Agora's. */
  socketUrl: string | null;
  /** REST prefix the SDK renews tokens against; null with socketUrl null. */
  sdkRestUrl: string | null;
  maxTokenTtlSeconds: number;
  /** The token route wants an access code in `X-Access-Code`. */
  isAccessCodeRequired: boolean;
  /** Real Agora on a public URL with no access code: anyone gets tokens. */
  isOpenToAnyone: boolean;
}

/** The request header that carries the deployment's access code. */
export const ACCESS_CODE_HEADER = "x-access-code";
