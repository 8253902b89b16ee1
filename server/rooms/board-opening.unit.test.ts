import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BoardLoad, decodingHoldMs, MAX_DECODING_HOLD_MS, MIN_DRAIN_BYTES_PER_SECOND } from './board-opening';

const stored = { snapshot: null, updates: [], lastSeq: 0 };

/** Whether `decodingMayStart` has resolved, read after advancing the fake clock. */
function watch(load: BoardLoad): { started: boolean } {
  const state = { started: false };
  void load.decodingMayStart().then(() => (state.started = true));
  return state;
}

describe('BoardLoad: how long the decoding waits for answers from the store', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('waits MAX_DECODING_HOLD_MS for a small answer that does not drain', async () => {
    const load = new BoardLoad(Promise.resolve(stored));
    load.hold()(new Promise(() => {}), 1_000);
    const state = watch(load);
    await vi.advanceTimersByTimeAsync(MAX_DECODING_HOLD_MS - 50);
    expect(state.started).toBe(false);
    await vi.advanceTimersByTimeAsync(100);
    expect(state.started).toBe(true);
  });

  it('waits longer for a large answer, in proportion to its bytes, and no longer', async () => {
    const bytes = 8 * MIN_DRAIN_BYTES_PER_SECOND;
    expect(decodingHoldMs(bytes)).toBe(MAX_DECODING_HOLD_MS + 8_000);
    const load = new BoardLoad(Promise.resolve(stored));
    load.hold()(new Promise(() => {}), bytes);
    const state = watch(load);
    await vi.advanceTimersByTimeAsync(MAX_DECODING_HOLD_MS + 7_900);
    expect(state.started).toBe(false);
    await vi.advanceTimersByTimeAsync(200);
    expect(state.started).toBe(true);
  });

  it('starts as soon as a large answer has drained', async () => {
    const load = new BoardLoad(Promise.resolve(stored));
    let drain!: () => void;
    load.hold()(new Promise<void>((resolve) => (drain = resolve)), 8 * MIN_DRAIN_BYTES_PER_SECOND);
    const state = watch(load);
    await vi.advanceTimersByTimeAsync(MAX_DECODING_HOLD_MS + 100);
    expect(state.started).toBe(false);
    drain();
    await vi.advanceTimersByTimeAsync(0);
    expect(state.started).toBe(true);
  });
});
