import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { applyCursorEntries, cursorEntryOf, isCursorOnlyChange } from './cursor-updates';
import { encodeAwarenessEntries } from '../protocol/messages';
import { applyAwarenessUpdate } from 'y-protocols/awareness';

const user = { name: 'Ada', color: '#1971c2' };

describe('isCursorOnlyChange', () => {
  const before = { user, cursor: { x: 1, y: 2 }, selection: [] };

  it('is true when the cursor alone changed, or nothing did', () => {
    expect(isCursorOnlyChange(before, { ...before, cursor: { x: 5, y: 6 } })).toBe(true);
    expect(isCursorOnlyChange(before, { ...before, cursor: null })).toBe(true);
    expect(isCursorOnlyChange(before, before)).toBe(true);
  });

  it('is false when another field changed, appeared or went, or there is nothing to compare with', () => {
    expect(isCursorOnlyChange(before, { ...before, selection: ['s1'] })).toBe(false);
    expect(isCursorOnlyChange(before, { ...before, idle: true })).toBe(false);
    const { selection: _gone, ...withoutSelection } = before;
    expect(isCursorOnlyChange(before, { ...withoutSelection, cursor: null, other: 1 })).toBe(false);
    expect(isCursorOnlyChange(null, before)).toBe(false);
    expect(isCursorOnlyChange(before, null)).toBe(false);
  });
});

describe('applyCursorEntries', () => {
  const awarenesses: Awareness[] = [];
  afterEach(() => {
    for (const awareness of awarenesses.splice(0)) awareness.destroy();
  });

  /** A recipient that knows client 7 from a full state at clock 3. */
  function recipient() {
    const awareness = new Awareness(new Y.Doc());
    awarenesses.push(awareness);
    applyAwarenessUpdate(awareness, encodeAwarenessEntries([{ clientID: 7, clock: 3, state: { user, cursor: { x: 0, y: 0 }, selection: ['a'] } }]), 'test');
    const events: { name: string; updated: number[]; origin: unknown }[] = [];
    awareness.on('change', ({ updated }: { updated: number[] }, origin: unknown) => events.push({ name: 'change', updated, origin }));
    awareness.on('update', ({ updated }: { updated: number[] }, origin: unknown) => events.push({ name: 'update', updated, origin }));
    return { awareness, events };
  }

  it('moves the cursor of a known state, keeps the rest, and tells listeners as an awareness update would', () => {
    const { awareness, events } = recipient();
    const updated = applyCursorEntries(awareness, [{ clientID: 7, clock: 4, cursor: { x: 10, y: 20 } }], 'server');
    expect(updated).toEqual([7]);
    expect(awareness.getStates().get(7)).toEqual({ user, cursor: { x: 10, y: 20 }, selection: ['a'] });
    expect(awareness.meta.get(7)?.clock).toBe(4);
    expect(events).toEqual([
      { name: 'change', updated: [7], origin: 'server' },
      { name: 'update', updated: [7], origin: 'server' },
    ]);
  });

  it('renews a state whose cursor did not move with an update but no change', () => {
    const { awareness, events } = recipient();
    awareness.meta.set(7, { clock: 3, lastUpdated: 0 });
    applyCursorEntries(awareness, [{ clientID: 7, clock: 5, cursor: { x: 0, y: 0 } }], 'server');
    expect(events.map((event) => event.name)).toEqual(['update']);
    expect(awareness.meta.get(7)?.lastUpdated).toBeGreaterThan(0);
  });

  it('skips entries that are older, about unknown clients, or about itself', () => {
    const { awareness, events } = recipient();
    const own = { clientID: awareness.clientID, clock: 99, cursor: { x: 1, y: 1 } };
    const updated = applyCursorEntries(awareness, [{ clientID: 7, clock: 3, cursor: { x: 9, y: 9 } }, { clientID: 8, clock: 10, cursor: { x: 9, y: 9 } }, own], 'server');
    expect(updated).toEqual([]);
    expect(events).toEqual([]);
    expect(awareness.getStates().get(7)).toMatchObject({ cursor: { x: 0, y: 0 } });
    expect(awareness.getStates().has(8)).toBe(false);
  });

  it('reads the entry of a current state', () => {
    const { awareness } = recipient();
    expect(cursorEntryOf(awareness, 7)).toEqual({ clientID: 7, clock: 3, cursor: { x: 0, y: 0 } });
    expect(cursorEntryOf(awareness, 8)).toBeNull();
  });
});
