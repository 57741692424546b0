import "server-only";

import { getTokenIssuer } from "./agora/issue-user-token";
import { getServerConfig } from "./config";
import { isAppError } from "./errors";
import {
  createHealthCheck,
  misconfiguredReport,
  type HealthReport,
} from "./health";
import { errorResponse, noStoreHeaders } from "./http";

let check: (() => Promise<HealthReport>) | undefined;

/** `GET /api/health`: 200 when tokens can be issued, 503 when not. */
export async function serveHealth(): Promise<Response> {
  let report: HealthReport;
  try {
    check ??= createHealthCheck(
      getServerConfig(),
      getTokenIssuer(),
      process.env,
    );
    report = await check();
  } catch (error) {
    if (!isAppError(error)) return errorResponse("health", error);
    report = misconfiguredReport(process.env, error.message);
  }

  return Response.json(report, {
    status: report.ok ? 200 : 503,
    headers: noStoreHeaders("application/json"),
  });
}
