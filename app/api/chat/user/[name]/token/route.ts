import { issueUserToken } from "@/lib/agora/issue-user-token";
import { handleRoute, noStoreHeaders } from "@/lib/http";
import { parseTtlParam } from "@/lib/ttl-param";
import { parseUsername } from "@/lib/username";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

interface Params {
  params: Promise<{ name: string }>;
}

/**
 * A Chat user token for `name`: plain text by default, as Agora's sample
 * token server answers, or JSON with `Accept: application/json`.
 */
export async function GET(request: Request, { params }: Params) {
  return handleRoute("token", async () => {
    const username = parseUsername((await params).name);
    const ttl = parseTtlParam(new URL(request.url).searchParams.get("ttl"));

    const issued = await issueUserToken(username, ttl);

    if (request.headers.get("accept")?.includes("application/json")) {
      return Response.json(issued, {
        headers: noStoreHeaders("application/json"),
      });
    }

    return new Response(issued.token, {
      headers: noStoreHeaders("text/plain; charset=utf-8"),
    });
  });
}
