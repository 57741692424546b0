import "server-only";

import type { UpstreamTrace } from "../agora/chat-rest";
import {
  TokenIssuer,
  getTokenIssuer,
  type IssuedUserToken,
} from "../agora/issue-user-token";
import { getServerConfig, type ServerConfig } from "../config";
import { isAppError } from "../errors";
import { errorResponse, noStoreHeaders } from "../http";
import { parseTtlParam } from "../ttl-param";
import { parseUsername } from "../username";
import { corsHeaders, preflightResponse } from "./cors";
import { clientKey, requireAccessCode } from "./guards";
import { TokenRateLimit } from "./rate-limit";
import { logTokenRequest } from "./request-log";

export interface TokenEndpoint {
  /** `GET /api/chat/user/{name}/token`. */
  get(request: Request, rawName: string): Promise<Response>;
  /** `OPTIONS` on the same path: the CORS preflight. */
  preflight(request: Request): Response;
}

/**
 * The token route's behaviour: who may ask and what they may ask for is
 * checked before any upstream work, then the token is issued and one log
 * line written. Caches and counters live as long as the endpoint.
 */
export function createTokenEndpoint(
  config: ServerConfig,
  issuer = new TokenIssuer(config),
): TokenEndpoint {
  const rateLimit = new TokenRateLimit(config.rateLimits);

  async function issueFor(
    request: Request,
    user: string,
    trace: UpstreamTrace,
  ) {
    const ttl = parseTtlParam(new URL(request.url).searchParams.get("ttl"));

    return issuer.issue(user, ttl, trace);
  }

  return {
    async get(request, rawName) {
      const startedAt = performance.now();
      const trace: UpstreamTrace = { calls: 0 };
      let user: string | null = null;
      let cors: Record<string, string> = {};
      let outcome = "issued";

      let response: Response;
      try {
        cors = corsHeaders(request, config);
        await rateLimit.consume(clientKey(request));
        requireAccessCode(request, config);

        user = parseUsername(rawName);
        const issued = await issueFor(request, user, trace);
        response = tokenResponse(request, issued, cors);
      } catch (error) {
        outcome = isAppError(error) ? error.code : "internal";
        response = errorResponse("token", error, cors);
      }

      logTokenRequest({
        user,
        outcome,
        status: response.status,
        upstreamCalls: trace.calls,
        durationMs: performance.now() - startedAt,
      });
      return response;
    },

    preflight(request) {
      try {
        return preflightResponse(request, config);
      } catch (error) {
        return errorResponse("token preflight", error);
      }
    },
  };
}

let shared: TokenEndpoint | undefined;

/** The endpoint of this server process, built from its configuration. */
export function getTokenEndpoint(): TokenEndpoint {
  // The issuer is shared with the health check, so both see one credential.
  shared ??= createTokenEndpoint(getServerConfig(), getTokenIssuer());

  return shared;
}

// Plain text by default, as Agora's sample token server answers, so a
// client written for it (`res.text()`) works unchanged.
function tokenResponse(
  request: Request,
  issued: IssuedUserToken,
  cors: Record<string, string>,
): Response {
  const accept = request.headers.get("accept")?.toLowerCase() ?? "";

  if (accept.includes("application/json")) {
    return Response.json(issued, {
      headers: { ...cors, ...noStoreHeaders("application/json") },
    });
  }

  return new Response(issued.token, {
    headers: { ...cors, ...noStoreHeaders("text/plain; charset=utf-8") },
  });
}
