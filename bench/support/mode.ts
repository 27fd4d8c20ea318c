/**
 * How a benchmark runs: in full, or (BENCH_SMOKE=1) as a smoke test that only proves it still
 * works: a few requests per target, one run, goals printed but not enforced. Either way a failed
 * or errored response fails the process.
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';

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

/** Busy and total CPU time of the whole machine so far, from /proc/stat (Linux). */
function cpuTimes(): { busy: number; total: number } | null {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const idle = fields[3] + (fields[4] ?? 0);
    const total = fields.reduce((a, b) => a + b, 0);
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}

/**
 * How busy the machine is while the benchmark itself does nothing (one second, before it starts),
 * with a warning when other processes keep the cores busy: the anchors share the machine with the
 * product, but a busy neighbour still skews the figures, and more the product's, which needs more
 * CPU per request. Elsewhere than Linux, the 1-minute load average.
 */
export async function quietLine(): Promise<string> {
  const before = cpuTimes();
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const after = cpuTimes();
  const share = before && after && after.total > before.total ? (after.busy - before.busy) / (after.total - before.total) : null;
  const busy = share !== null ? share > 0.15 : loadavg()[0] > cpus().length * 0.5;
  const said = share !== null ? `other processes used ${(share * 100).toFixed(0)}% of the CPU in the second before the run` : `load average ${loadavg()[0].toFixed(2)} before the run`;
  return `${said}${busy ? ' — the machine is busy; these figures are not comparable with a quiet machine\'s' : ''}`;
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
