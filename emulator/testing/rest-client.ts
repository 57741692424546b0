import { buildChatAppToken, type SigningCredentials } from "../../lib/token";

export interface AppUnderTest extends SigningCredentials {
  appKey: string;
}

/** The REST prefix `{url}/{org}/{app}` of an app key `org#app`. */
export function appBaseUrl(url: string, appKey: string): string {
  return `${url}/${appKey.replace("#", "/")}`;
}

/** Calls the emulator's REST API and returns the status and parsed body. */
export async function callRest(
  url: string,
  init: { method?: string; bearer?: string; body?: unknown } = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const headers: Record<string, string> = {};
  if (init.bearer) headers.Authorization = `Bearer ${init.bearer}`;
  if (init.body !== undefined) headers["Content-Type"] = "application/json";

  const response = await fetch(url, {
    method: init.method ?? "GET",
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });

  return { status: response.status, body: await response.json() };
}

/** Registers `username` with an app token as Bearer; returns its UUID. */
export async function registerUser(
  url: string,
  app: AppUnderTest,
  username: string,
): Promise<string> {
  const { status, body } = await callRest(
    `${appBaseUrl(url, app.appKey)}/users`,
    {
      method: "POST",
      bearer: buildChatAppToken(app, 600),
      body: { username, password: "secret" },
    },
  );
  const entities = body.entities as { uuid: string }[] | undefined;
  const uuid = entities?.[0]?.uuid;
  if (status !== 200 || !uuid) {
    throw new Error(`registering ${username} failed: ${status}`);
  }

  return uuid;
}
