import { z } from "zod";

/** The REST calls a test can count and make fail, by their control name. */
export const REST_ENDPOINTS = [
  "exchange_token",
  "get_user",
  "register_user",
  "renew_token",
] as const;

export type RestEndpoint = (typeof REST_ENDPOINTS)[number];

export const faultSchema = z.object({
  endpoint: z.enum(REST_ENDPOINTS, {
    error: `endpoint must be one of ${REST_ENDPOINTS.join(", ")}`,
  }),
  count: z
    .number({ error: "count must be a number" })
    .int("count must be a whole number")
    .min(1, "count must be at least 1"),
  status: z
    .number({ error: "status must be a number" })
    .int("status must be a whole number")
    .min(400, "status must be 400 to 599")
    .max(599, "status must be 400 to 599")
    .optional(),
  delayMs: z
    .number({ error: "delayMs must be a number" })
    .int("delayMs must be a whole number")
    .min(0, "delayMs must be 0 to 30000")
    .max(30_000, "delayMs must be 0 to 30000")
    .default(0),
  error: z.string().min(1, "error must not be empty").optional(),
});

export type FaultRequest = z.output<typeof faultSchema>;

/** What happens to one faulted call: wait, then maybe fail. */
export interface Fault {
  delayMs: number;
  status?: number;
  error?: string;
}

/**
 * Faults queued per REST endpoint. Each queued request covers its next
 * `count` calls; requests are used up in the order they were added.
 */
export class FaultQueue {
  private readonly queues = new Map<RestEndpoint, FaultRequest[]>();

  add(request: FaultRequest): number {
    const queue = this.queues.get(request.endpoint) ?? [];
    queue.push({ ...request });
    this.queues.set(request.endpoint, queue);

    return queue.reduce((calls, fault) => calls + fault.count, 0);
  }

  /** The fault for the next call of `endpoint`, if one is queued. */
  take(endpoint: RestEndpoint): Fault | null {
    const queue = this.queues.get(endpoint);
    const head = queue?.[0];
    if (!queue || !head) return null;

    head.count -= 1;
    if (head.count === 0) queue.shift();

    return { delayMs: head.delayMs, status: head.status, error: head.error };
  }

  clear(): void {
    this.queues.clear();
  }
}

/** How many calls each REST endpoint received, faulted ones included. */
export class CallCounter {
  private counts = emptyCounts();

  count(endpoint: RestEndpoint): void {
    this.counts[endpoint] += 1;
  }

  snapshot(): Record<RestEndpoint, number> {
    return { ...this.counts };
  }

  clear(): void {
    this.counts = emptyCounts();
  }
}

function emptyCounts(): Record<RestEndpoint, number> {
  return Object.fromEntries(
    REST_ENDPOINTS.map((endpoint) => [endpoint, 0]),
  ) as Record<RestEndpoint, number>;
}

const ERROR_BY_STATUS: Record<number, string> = {
  400: "illegal_argument",
  401: "unauthorized",
  403: "forbidden_op",
  404: "service_resource_not_found",
  413: "request_too_large",
  429: "reach_limit",
};

/** The Agora `error` code a faulted answer carries when none is given. */
export function defaultErrorFor(status: number): string {
  if (status >= 500) return "service_unavailable";

  return ERROR_BY_STATUS[status] ?? "illegal_argument";
}
