import { z } from "zod";

import type { EmulatorContext } from "../context";
import type { ChatUser } from "../users";
import { usernameSchema } from "../../lib/username";
import { RestError, illegalArgument } from "./errors";
import { readJsonBody } from "./http";
import { requireAppBearer } from "./authorize";
import type { RestCall } from "./router";

const registrationSchema = z.object({
  username: usernameSchema,
  password: z
    .string({ error: "password must be a string" })
    .min(1, "password must not be empty"),
});

const registrationsSchema = z
  .array(registrationSchema)
  .min(1, "send at least one user");

/** GET /{org}/{app}/users/{username}: one registered user. */
export function getUser({ request, params, context }: RestCall) {
  requireAppBearer(request, context);

  const username = params.username ?? "";
  const user = context.users.find(username);
  if (!user) {
    throw new RestError(
      404,
      "service_resource_not_found",
      `Service resource not found: no user named ${JSON.stringify(username)}`,
    );
  }

  return { action: "get", ...envelope(context, [user]), count: 1 };
}

/** POST /{org}/{app}/users: registers one user or an array of them. */
export async function registerUsers({ request, context }: RestCall) {
  requireAppBearer(request, context);

  // Agora registers one user per object, or a batch as an array.
  const raw = await readJsonBody(request);
  const body = registrationsSchema.safeParse(Array.isArray(raw) ? raw : [raw]);
  if (!body.success) {
    throw illegalArgument(body.error.issues.map((i) => i.message).join("; "));
  }

  // Refuse the whole batch before creating anyone, as a duplicate would.
  const names = body.data.map(({ username }) => username);
  const taken = names.find(
    (name, index) => context.users.has(name) || names.indexOf(name) !== index,
  );
  if (taken !== undefined) {
    throw new RestError(
      400,
      "duplicate_unique_property_exists",
      `Application ${context.app.appKey} already has a user named ${taken}`,
    );
  }

  const now = context.now();
  const users = names.map((name) => context.users.register(name, now));

  return { action: "post", ...envelope(context, users) };
}

function envelope(context: EmulatorContext, users: ChatUser[]) {
  return {
    organization: context.app.orgName,
    applicationName: context.app.appName,
    path: "/users",
    entities: users.map((user) => ({
      uuid: user.uuid,
      type: "user",
      created: user.created,
      modified: user.created,
      username: user.username,
      activated: true,
    })),
    timestamp: context.now(),
    duration: 0,
  };
}
