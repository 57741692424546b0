import { errorResponse, methodNotAllowed } from "@/lib/http";
import {
  getTokenEndpoint,
  type TokenEndpoint,
} from "@/lib/token-endpoint/handle-token-request";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

interface Params {
  params: Promise<{ name: string }>;
}

/** A Chat user token for `name`; the rules live in lib/token-endpoint. */
export async function GET(request: Request, { params }: Params) {
  const { name } = await params;

  return withEndpoint((endpoint) => endpoint.get(request, name));
}

export async function OPTIONS(request: Request) {
  return withEndpoint(async (endpoint) => endpoint.preflight(request));
}

// Next.js would answer HEAD by running GET, minting a token nobody reads.
const notServed = () => methodNotAllowed(["GET", "OPTIONS"]);
export { notServed as HEAD, notServed as POST, notServed as PUT };
export { notServed as PATCH, notServed as DELETE };

// A bad configuration is reported as the JSON error it is, not a crash.
async function withEndpoint(
  respond: (endpoint: TokenEndpoint) => Promise<Response>,
): Promise<Response> {
  try {
    return await respond(getTokenEndpoint());
  } catch (error) {
    return errorResponse("token", error);
  }
}
