/**
 * Sequential timing with a bounded count and a time limit: one request at a time, as one agent
 * clicking through the inbox sees it. Percentiles are nearest-rank over the measured requests.
 */
export type Timing = { label: string; requests: number; p50: number; p95: number; p99: number; mean: number; max: number };

export type MeasureOptions = { requests: number; warmup: number; maxSeconds: number };

export async function measure(label: string, once: () => Promise<void>, options: MeasureOptions): Promise<Timing> {
  const deadline = performance.now() + options.maxSeconds * 1000;
  for (let i = 0; i < options.warmup && performance.now() < deadline; i++) await once();
  const samples: number[] = [];
  while (samples.length < options.requests && performance.now() < deadline) {
    const t0 = performance.now();
    await once();
    samples.push(performance.now() - t0);
  }
  if (samples.length < options.requests) {
    throw new Error(`${label}: only ${samples.length} of ${options.requests} requests finished within ${options.maxSeconds} s`);
  }
  return summarize(label, samples);
}

function summarize(label: string, samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    label,
    requests: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    mean: sorted.reduce((a, b) => a + b, 0) / sorted.length,
    max: sorted[sorted.length - 1],
  };
}

export function percentile(sorted: number[], p: number): number {
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(rank, 1)) - 1];
}

export const round = (ms: number, digits = 2) => Math.round(ms * 10 ** digits) / 10 ** digits;

export function formatTiming(t: Timing): string {
  return `${t.label.padEnd(34)} n=${t.requests}  p50 ${round(t.p50).toFixed(2)} ms  p95 ${round(t.p95).toFixed(2)} ms  p99 ${round(t.p99).toFixed(2)} ms  max ${round(t.max).toFixed(1)} ms`;
}
