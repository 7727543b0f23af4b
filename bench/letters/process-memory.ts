import { readdirSync, readFileSync } from 'node:fs';

/** Process ids of every descendant of `root` (Chromium's browser, renderer and GPU processes). */
export function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended while we looked
    }
  }
  const out: number[] = [];
  const walk = (pid: number) => {
    for (const child of children.get(pid) ?? []) {
      out.push(child);
      walk(child);
    }
  };
  walk(root);
  return out;
}

/** Proportional set size in bytes: shared pages are split between the processes sharing them. */
function pss(pid: number): number {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    return Number(/^Pss:\s+(\d+) kB/m.exec(rollup)?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

export interface MemorySample {
  nodeBytes: number;
  chromiumBytes: number;
}

/** This Node process and all the Chromium processes it started, by PSS. */
export function sampleMemory(): MemorySample {
  return {
    nodeBytes: pss(process.pid) || process.memoryUsage().rss,
    chromiumBytes: descendants(process.pid).reduce((sum, pid) => sum + pss(pid), 0),
  };
}

export const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

const CLOCK_TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) a process has used so far, or 0 once it is gone. */
function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of stat, 12 and 13 after the command name.
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/**
 * CPU time of this process and the Chromium processes it started, accumulated over samples so
 * that processes ending in between (recycled browsers) still count up to their last sample.
 * On a machine shared with other work, wall-clock time varies; CPU time much less.
 */
export class CpuMeter {
  private readonly last = new Map<number, number>();
  private readonly start = new Map<number, number>();

  /** By default this process and its Chromium; or the processes `pids` names at each sample. */
  constructor(
    private readonly pids: () => number[] = () => [process.pid, ...descendants(process.pid)],
  ) {
    for (const pid of this.pids()) this.start.set(pid, cpuSeconds(pid));
    this.sample();
  }

  sample(): void {
    for (const pid of this.pids()) {
      const used = cpuSeconds(pid);
      if (used > 0) this.last.set(pid, used);
    }
  }

  /** CPU seconds used since the meter was made. */
  total(): number {
    this.sample();
    let sum = 0;
    for (const [pid, used] of this.last) sum += used - (this.start.get(pid) ?? 0);
    return sum;
  }
}

/** Idle and total jiffies of the whole machine, from /proc/stat: how busy both cores were. */
export function machineTicks(): { idle: number; total: number } {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1);
  const ticks = cpu.map(Number);
  // idle and iowait
  return { idle: ticks[3] + ticks[4], total: ticks.reduce((a, b) => a + b, 0) };
}

export function loadAverage(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}
