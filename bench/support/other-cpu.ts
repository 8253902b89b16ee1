/**
 * The CPU that processes outside a benchmark used while it ran: the machine's busy time
 * (/proc/stat) less that of the benchmark's own process tree (this process, the server, the
 * browsers and their helpers). The tree is sampled every quarter second, so a process that ends
 * loses at most its last quarter second from the benchmark's side. A shared machine's other work
 * shows here, so that a slow figure can be told from a busy machine.
 */
import { readdirSync } from 'node:fs';
import { machineBusyMs, processStat } from './proc';

const SAMPLE_MS = 250;

/** Every process's parent and CPU time (utime + stime, milliseconds). */
function processTable(): Map<number, { parent: number; cpuMs: number }> {
  const table = new Map<number, { parent: number; cpuMs: number }>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      table.set(Number(name), processStat(Number(name)));
    } catch {
      // The process ended while the table was read.
    }
  }
  return table;
}

export class OtherCpuMeter {
  private readonly started = performance.now();
  private readonly machine0 = machineBusyMs();
  /** Per process of the benchmark's tree: its CPU when first seen (0 if born later) and last seen. */
  private readonly tree = new Map<number, { first: number; last: number }>();
  private readonly timer: ReturnType<typeof setInterval>;

  constructor() {
    this.sample(true);
    this.timer = setInterval(() => this.sample(false), SAMPLE_MS);
    this.timer.unref();
  }

  /** Other processes' CPU since the meter started, in percent of one core; stops the meter. */
  stop(): number {
    clearInterval(this.timer);
    this.sample(false);
    let own = 0;
    for (const { first, last } of this.tree.values()) own += last - first;
    const other = machineBusyMs() - this.machine0 - own;
    return (100 * Math.max(0, other)) / (performance.now() - this.started);
  }

  private sample(initial: boolean): void {
    const table = processTable();
    const ours = new Set([process.pid]);
    // Parents have lower pids than their children, but pids wrap: repeat until nothing is added.
    for (let grew = true; grew; ) {
      grew = false;
      for (const [pid, { parent }] of table) {
        if (!ours.has(pid) && ours.has(parent)) {
          ours.add(pid);
          grew = true;
        }
      }
    }
    for (const pid of ours) {
      const cpuMs = table.get(pid)?.cpuMs;
      if (cpuMs === undefined) continue;
      const known = this.tree.get(pid);
      if (known) known.last = cpuMs;
      else this.tree.set(pid, { first: initial ? cpuMs : 0, last: cpuMs });
    }
  }
}
