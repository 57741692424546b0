import { EMULATOR_URL } from "./servers";

export type RestEndpoint =
  "exchange_token" | "get_user" | "register_user" | "renew_token";

export type CallCounts = Record<RestEndpoint, number>;

async function control(path: string, init: RequestInit = {}) {
  const response = await fetch(`${EMULATOR_URL}/_emulator/${path}`, {
    ...init,
    headers: { "Content-Type": "application/json" },
  });
  if (!response.ok) {
    throw new Error(`emulator control ${path}: HTTP ${response.status}`);
  }

  return response.json();
}

/** Makes the emulator's next `count` calls of `endpoint` fail or stall. */
export function injectFault(fault: {
  endpoint: RestEndpoint;
  count: number;
  status?: number;
  delayMs?: number;
}) {
  return control("faults", { method: "POST", body: JSON.stringify(fault) });
}

export function clearFaults() {
  return control("faults", { method: "DELETE" });
}

/** How many calls each REST endpoint of the emulator has received. */
export async function callCounts(): Promise<CallCounts> {
  return (await control("calls")).calls;
}

/** Calls made between two snapshots. */
export function callsSince(before: CallCounts, after: CallCounts) {
  const diff = {} as CallCounts;
  for (const key of Object.keys(after) as RestEndpoint[]) {
    diff[key] = after[key] - before[key];
  }

  return diff;
}
