/**
 * How long this process's event loop was blocked, as two figures:
 * - `delayMs`: the longest event-loop delay that `perf_hooks.monitorEventLoopDelay` saw, which
 *   counts every millisecond of wall clock: on a shared machine, time the process waited for a
 *   core while other processes ran counts too;
 * - `busyMs`: the longest stall the process itself caused: between two turns of a 5 ms timer, the
 *   processor time its main thread used (at most the wall time that passed). A handler that blocks
 *   for 150 ms uses 150 ms; a process that waited for a core used almost nothing.
 * Tests assert on `busyMs` (which no other process can inflate) and print `delayMs` beside it; on
 * a quiet machine the two agree.
 */
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { expect } from 'vitest';

export interface EventLoopStalls {
  busyMs: number;
  delayMs: number;
}

/** The main thread's own stat file on Linux (its thread id is the process id). */
const MAIN_THREAD_STAT = `/proc/self/task/${process.pid}/stat`;
/** Linux reports thread times in clock ticks of 10 ms (USER_HZ 100). */
const MS_PER_TICK = 10;

/**
 * Processor time of the thread that runs the event loop. `process.cpuUsage()` adds every thread
 * (garbage collection helpers, LevelDB's and libuv's workers): on a busy machine, where a 5 ms
 * timer turn can take 50 ms of wall time, their work in one window could pass for a stall. Where
 * /proc is not there, the whole process's time stands in (an overestimate, never an under one).
 */
function processorMs(): number {
  try {
    const stat = readFileSync(MAIN_THREAD_STAT, 'utf8');
    // Fields after the command name (which may hold spaces) start at its closing parenthesis;
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after it.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK;
  } catch {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  }
}

export function watchEventLoop(): { stop(): EventLoopStalls } {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  let lastWall = performance.now();
  let lastProcessor = processorMs();
  let busyMs = 0;
  const sample = () => {
    const wall = performance.now();
    const processor = processorMs();
    busyMs = Math.max(busyMs, Math.min(processor - lastProcessor, wall - lastWall));
    lastWall = wall;
    lastProcessor = processor;
  };
  const timer = setInterval(sample, 5);
  return {
    stop() {
      sample();
      clearInterval(timer);
      histogram.disable();
      return { busyMs, delayMs: histogram.max / 1e6 };
    },
  };
}

/** The event loop was never blocked for 100 ms or more by this process. */
export function expectNoStall({ busyMs, delayMs }: EventLoopStalls): void {
  expect(busyMs, `the longest event-loop stall this process caused, in ms (the longest delay seen, other processes' time included: ${delayMs.toFixed(0)} ms)`).toBeLessThan(100);
}
