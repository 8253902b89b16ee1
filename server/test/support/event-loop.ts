/**
 * How long this process's event loop was blocked, as two figures:
 * - `delayMs`: the longest event-loop delay that `perf_hooks.monitorEventLoopDelay` saw, which
 *   counts every millisecond of wall clock: on a shared machine, time the process waited for a
 *   core while other processes ran counts too;
 * - `busyMs`: the longest stall the process itself caused: between two turns of a 5 ms timer, the
 *   processor time the process used (at most the wall time that passed). A handler that blocks for
 *   150 ms uses 150 ms; a process that waited for a core used almost nothing.
 * Tests assert on `busyMs` (which no other process can inflate) and print `delayMs` beside it; on
 * a quiet machine the two agree.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { expect } from 'vitest';

export interface EventLoopStalls {
  busyMs: number;
  delayMs: number;
}

function processorMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
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
