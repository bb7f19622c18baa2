/** Percentiles of timings in milliseconds (nearest-rank), and a one-line summary. */
export function percentile(sortedMs: readonly number[], p: number): number {
  if (sortedMs.length === 0) return Number.NaN;
  const rank = Math.min(sortedMs.length - 1, Math.max(0, Math.ceil((p / 100) * sortedMs.length) - 1));
  return sortedMs[rank]!;
}

export function summarize(label: string, timingsMs: readonly number[]): string {
  const sorted = [...timingsMs].sort((a, b) => a - b);
  const f = (n: number) => n.toFixed(2).padStart(7);
  return `${label.padEnd(44)} n=${String(sorted.length).padStart(4)}  p50 ${f(percentile(sorted, 50))} ms  p95 ${f(percentile(sorted, 95))} ms  max ${f(sorted[sorted.length - 1] ?? Number.NaN)} ms`;
}

/** Runs `fn` once per input, sequentially, and returns each run's wall time. */
export async function timeEach<T>(inputs: readonly T[], fn: (input: T) => Promise<unknown>): Promise<number[]> {
  const timings: number[] = [];
  for (const input of inputs) {
    const started = performance.now();
    await fn(input);
    timings.push(performance.now() - started);
  }
  return timings;
}
