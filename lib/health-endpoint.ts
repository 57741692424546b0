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

/** This server's health, shared by the endpoint and the page's banner. */
export async function currentHealth(): Promise<HealthReport> {
  try {
    check ??= createHealthCheck(
      getServerConfig(),
      getTokenIssuer(),
      process.env,
    );
    return await check();
  } catch (error) {
    if (!isAppError(error)) throw error;
    return misconfiguredReport(process.env, error.message);
  }
}

/** `GET /api/health`: 200 when tokens can be issued, 503 when not. */
export async function serveHealth(): Promise<Response> {
  try {
    const report = await currentHealth();

    return Response.json(report, {
      status: report.ok ? 200 : 503,
      headers: noStoreHeaders("application/json"),
    });
  } catch (error) {
    return errorResponse("health", error);
  }
}
