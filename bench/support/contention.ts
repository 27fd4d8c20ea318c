/**
 * How much of the machine other processes used while a measurement ran. This 2-core machine is
 * shared (other sessions run test suites and benchmarks); a measurement during which something
 * else took the CPU is not a measurement of the product. Linux only (/proc); elsewhere null.
 */
import { readFileSync } from 'node:fs';

/** Busy and total CPU ticks of the whole machine. */
function machineTicks(): { busy: number; total: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const idle = fields[3] + (fields[4] ?? 0);
  const total = fields.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

/** User and system CPU ticks of one process, all its threads. */
function processTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of proc(5))
}

export interface CpuWatch {
  /** The share (0..1) of the machine's CPU that processes other than ours used since the start. */
  othersShare(): number | null;
}

/** Starts watching; `ours` are this process and the target's. */
export function watchCpu(ours: readonly number[]): CpuWatch {
  let start: { machine: { busy: number; total: number }; ours: number } | null = null;
  const ourTicks = (): number => ours.reduce((sum, pid) => sum + processTicks(pid), 0);
  try {
    start = { machine: machineTicks(), ours: ourTicks() };
  } catch {
    start = null;
  }
  return {
    othersShare() {
      if (!start) return null;
      try {
        const machine = machineTicks();
        const total = machine.total - start.machine.total;
        if (total <= 0) return null;
        return Math.max(0, (machine.busy - start.machine.busy - (ourTicks() - start.ours)) / total);
      } catch {
        return null;
      }
    },
  };
}
