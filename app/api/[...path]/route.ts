import { noStoreHeaders } from "@/lib/http";

export const dynamic = "force-dynamic";

// Any /api path no route serves: a JSON 404, as every API error is.
function notFound(request: Request): Response {
  const { pathname } = new URL(request.url);

  return Response.json(
    {
      error: "not_found",
      message: `No API route at ${pathname.slice(0, 200)}; see the README for the routes`,
    },
    { status: 404, headers: noStoreHeaders("application/json") },
  );
}

export {
  notFound as GET,
  notFound as POST,
  notFound as PUT,
  notFound as PATCH,
  notFound as DELETE,
};
