/** The value below which `fraction` of the samples fall (nearest rank). */
export function percentile(samples: number[], fraction: number): number {
  if (samples.length === 0) return Number.NaN;

  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil(fraction * sorted.length) - 1;

  return sorted[Math.min(Math.max(rank, 0), sorted.length - 1)]!;
}

/** Runs `task` for each item, at most `limit` at a time. */
export async function forEachConcurrently<T>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      await task(items[index]!, index);
    }
  };

  await Promise.all(Array.from({ length: limit }, worker));
}

export type Row = [label: string, value: string, verdict?: string];

/** A two- or three-column table for a terminal. */
export function formatTable(rows: Row[]): string {
  const width = Math.max(...rows.map(([label]) => label.length));
  const valueWidth = Math.max(...rows.map(([, value]) => value.length));

  return rows
    .map(([label, value, verdict]) => {
      const line = `${label.padEnd(width)}  ${value.padStart(valueWidth)}`;
      return verdict ? `${line}  ${verdict}` : line;
    })
    .join("\n");
}
