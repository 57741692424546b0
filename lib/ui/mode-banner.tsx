import type { PublicChatConfig } from "../public-config";

/** Says which backend the page talks to, so nobody mistakes one for the other. */
export function ModeBanner({ config }: { config: PublicChatConfig }) {
  if (config.mode === "emulator") {
    return (
      <p className="rounded-md bg-sky-50 px-3 py-2 text-sm text-sky-900">
        Emulator mode: talking to the local Agora Chat emulator at{" "}
        <code className="font-mono">{config.sdkRestUrl}</code> with its demo app{" "}
        <code className="font-mono">{config.appKey}</code>. No Agora account
        needed.
      </p>
    );
  }

  return (
    <p className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
      Agora mode: app key <code className="font-mono">{config.appKey}</code>.
    </p>
  );
}
