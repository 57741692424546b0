/** A clock time in the reader's own time zone. */
export function localTime(epochMs: number): string {
  return new Date(epochMs).toLocaleTimeString();
}

/** A date and time in the reader's own time zone. */
export function localDateTime(epochMs: number): string {
  return new Date(epochMs).toLocaleString();
}

/** Milliseconds as seconds with one decimal, signed: "+8.0 s". */
export function relativeSeconds(ms: number): string {
  const sign = ms < 0 ? "−" : "+";

  return `${sign}${(Math.abs(ms) / 1_000).toFixed(1)} s`;
}
