import { methodNotAllowed, noStoreHeaders } from "@/lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Liveness: the server answers. Says nothing about Agora. */
export function GET() {
  return Response.json(
    { ok: true },
    { headers: noStoreHeaders("application/json") },
  );
}

const notServed = () => methodNotAllowed(["GET"]);
export { notServed as POST, notServed as PUT };
export { notServed as PATCH, notServed as DELETE };
