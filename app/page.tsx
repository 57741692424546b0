import { connection } from "next/server";
import { Suspense } from "react";

import { getServerConfig } from "@/lib/config";
import { HealthBanner } from "@/lib/ui/health-banner";
import { ModeBanner } from "@/lib/ui/mode-banner";
import { TokenLab } from "@/lib/ui/token-lab";

export default async function Home() {
  // Read the settings per request, so one build serves any environment.
  await connection();
  const { publicConfig } = getServerConfig();

  return (
    <main className="mx-auto max-w-5xl space-y-6 px-4 py-8">
      <header className="space-y-2">
        <h1 className="text-2xl font-bold">Agora Chat token lab</h1>
        <p className="text-sm text-slate-600">
          The server signs an Agora Chat user token, the agora-chat SDK logs in
          with it, and the page renews it before it expires.
        </p>
        <ModeBanner config={publicConfig} />
        <Suspense fallback={null}>
          <HealthBanner />
        </Suspense>
      </header>
      <TokenLab config={publicConfig} />
    </main>
  );
}
