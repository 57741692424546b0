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
    <>
      <p className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
        Agora mode: app key <code className="font-mono">{config.appKey}</code>.
      </p>
      {config.isOpenToAnyone && (
        <p
          role="alert"
          data-testid="open-deployment-warning"
          className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm font-medium text-amber-900"
        >
          Warning: this public deployment uses real Agora credentials and no
          access code. Anyone with its URL can get Agora Chat tokens for any
          username. Set AGORA_ACCESS_CODE.
        </p>
      )}
    </>
  );
}
