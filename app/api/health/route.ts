import { serveHealth } from "@/lib/health-endpoint";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Mode, settings present and Agora reachability; see lib/health.ts. */
export function GET() {
  return serveHealth();
}
