import "server-only";

import { currentHealth } from "../health-endpoint";

/**
 * Rendered on the server and streamed in after the page: when the server
 * cannot issue tokens, the visitor reads why before trying to log in.
 */
export async function HealthBanner() {
  const report = await currentHealth();
  if (report.ok) return null;

  const reason =
    report.upstream?.ok === false
      ? report.upstream.message
      : report.configError;

  return (
    <div
      role="alert"
      data-testid="health-banner"
      className="rounded-md border border-rose-300 bg-rose-50 px-3 py-2 text-sm text-rose-900"
    >
      <p className="font-semibold">
        This server cannot issue Agora Chat tokens right now.
      </p>
      <p className="mt-1">
        {reason}. Its settings are described in .env.example; /api/health says
        which are present.
      </p>
    </div>
  );
}
