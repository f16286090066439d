/** Medians and p95 of repeated runs after a warm-up (benchmarks print numbers; they assert nothing). */

export interface Stats { median: number; p95: number; runs: number }

export function measure(fn: () => unknown, runs: number, warmup: number): Stats {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor((runs - 1) / 2)]!, p95: times[Math.min(runs - 1, Math.ceil(runs * 0.95) - 1)]!, runs };
}
