import { describe, expect, it } from 'vitest';
import { type Clock, IDLE_AFTER_MS, IdleTracker } from './idle';

/** A clock whose time only moves when the test says so. */
function fakeClock() {
  let now = 0;
  const timers = new Map<number, { at: number; callback: () => void }>();
  let next = 1;
  const clock: Clock = {
    now: () => now,
    setTimeout: (callback, ms) => {
      timers.set(next, { at: now + ms, callback });
      return next++;
    },
    clearTimeout: (handle) => timers.delete(handle as number),
  };
  const advance = (ms: number) => {
    const end = now + ms;
    for (;;) {
      const due = [...timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      timers.delete(due[0]);
      now = due[1].at;
      due[1].callback();
    }
    now = end;
  };
  return { clock, advance, pending: () => timers.size };
}

describe('IdleTracker', () => {
  it('turns idle after a minute without input and active again on input', () => {
    const { clock, advance } = fakeClock();
    const changes: boolean[] = [];
    const tracker = new IdleTracker((idle) => changes.push(idle), clock);
    advance(IDLE_AFTER_MS - 1);
    expect(tracker.isIdle).toBe(false);
    advance(1);
    expect(tracker.isIdle).toBe(true);
    tracker.activity();
    expect(changes).toEqual([true, false]);
  });

  it('counts the minute from the last input', () => {
    const { clock, advance } = fakeClock();
    const changes: boolean[] = [];
    const tracker = new IdleTracker((idle) => changes.push(idle), clock);
    advance(50_000);
    tracker.activity();
    advance(50_000);
    expect(changes).toEqual([]);
    advance(10_000);
    expect(changes).toEqual([true]);
    expect(tracker.isIdle).toBe(true);
  });

  it('keeps one timer however much input there is, and none after destroy', () => {
    const { clock, pending } = fakeClock();
    const tracker = new IdleTracker(() => undefined, clock);
    for (let i = 0; i < 1000; i++) tracker.activity();
    expect(pending()).toBe(1);
    tracker.destroy();
    expect(pending()).toBe(0);
  });
});
