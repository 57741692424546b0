import { serveHealth } from "@/lib/health-endpoint";
import { methodNotAllowed } from "@/lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Mode, settings present and Agora reachability; see lib/health.ts. */
export function GET() {
  return serveHealth();
}

const notServed = () => methodNotAllowed(["GET"]);
export { notServed as POST, notServed as PUT };
export { notServed as PATCH, notServed as DELETE };
