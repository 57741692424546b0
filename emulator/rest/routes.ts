import { exchangeAppToken } from "./token-exchange";
import { renewUserToken } from "./renewal";
import type { Route } from "./router";
import { getUser, registerUsers } from "./users";

/** The REST surface of the emulator: what our server and the SDK call. */
export const ROUTES: readonly Route[] = [
  { method: "GET", path: "/health", handler: () => ({ ok: true }) },
  { method: "POST", path: "/:org/:app/token", handler: exchangeAppToken },
  { method: "GET", path: "/:org/:app/users/:username", handler: getUser },
  { method: "POST", path: "/:org/:app/users", handler: registerUsers },
  {
    method: "GET",
    path: "/:org/:app/sdk/users/:username/token/expires",
    handler: renewUserToken,
  },
];
