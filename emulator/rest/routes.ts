import { CONTROL_ROUTES } from "../control/routes";
import { exchangeAppToken } from "./token-exchange";
import { renewUserToken } from "./renewal";
import type { Route } from "./router";
import { getUser, registerUsers } from "./users";

/** The REST surface of Agora the emulator answers: our server and the SDK. */
export const AGORA_ROUTES: readonly Route[] = [
  { method: "GET", path: "/health", handler: () => ({ ok: true }) },
  {
    method: "POST",
    path: "/:org/:app/token",
    handler: exchangeAppToken,
    endpoint: "exchange_token",
  },
  {
    method: "GET",
    path: "/:org/:app/users/:username",
    handler: getUser,
    endpoint: "get_user",
  },
  {
    method: "POST",
    path: "/:org/:app/users",
    handler: registerUsers,
    endpoint: "register_user",
  },
  {
    method: "GET",
    path: "/:org/:app/sdk/users/:username/token/expires",
    handler: renewUserToken,
    endpoint: "renew_token",
  },
];

/** The routes to serve; the control API only when asked for. */
export function routesFor(options: { control: boolean }): readonly Route[] {
  return options.control ? [...AGORA_ROUTES, ...CONTROL_ROUTES] : AGORA_ROUTES;
}
