/**
 * How a benchmark runs: in full, or (BENCH_SMOKE=1) as a smoke test that only proves it still
 * works: a few requests per target, one run, goals printed but not enforced. Either way a failed
 * or errored response fails the process.
 */
import { cpus, totalmem } from 'node:os';

export const SMOKE = process.env.BENCH_SMOKE === '1';

/** Exit code of a benchmark that is broken: an exception, a refused or failed request. */
export const EXIT_BROKEN = 1;
/** Exit code of a full run that worked but missed a goal (never in smoke mode). */
export const EXIT_GOAL_MISSED = 2;

/** A whole number from the environment, or the fallback. */
export function settingFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number of at least 1 (got "${raw}")`);
  return value;
}

/** Runs of each measurement; the median of each figure is reported. */
export const RUNS = SMOKE ? 1 : settingFromEnv('BENCH_RUNS', 3);

/** One line saying what the figures were measured on. */
export function machineLine(): string {
  const cores = cpus();
  return `${cores.length} cores (${cores[0]?.model.trim() ?? 'unknown CPU'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${process.platform}`;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The q-quantile (0..1) of some values, nearest rank. */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** Finishes a benchmark: broken (1) on an exception; otherwise the code it chose. */
export function runBenchmark(main: () => Promise<number>): void {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = EXIT_BROKEN;
    },
  );
}
