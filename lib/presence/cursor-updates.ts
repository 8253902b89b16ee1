/**
 * Cursor entries (lib/protocol/cursors.ts) against a y-protocols Awareness: which local changes
 * can travel as one, and how a received one updates the state its sender last published in full.
 *
 * Applying follows y-protocols' own `applyAwarenessUpdate` (a newer clock wins, the meta is
 * renewed so the state does not time out, 'change' and 'update' are emitted with the origin), so
 * that whoever listens to the Awareness cannot tell the two kinds of message apart.
 */
import { equalityDeep } from 'lib0/function';
import { getUnixTime } from 'lib0/time';
import type { Awareness } from 'y-protocols/awareness';
import type { CursorEntry } from '../protocol/cursors';

type State = Record<string, unknown>;

/**
 * Whether `next` differs from `previous` in the cursor alone (or not at all). Local edits of the
 * state (`setLocalStateField`) keep every other field's value, so identity is the test.
 */
export function isCursorOnlyChange(previous: State | null, next: State | null): boolean {
  if (!previous || !next) return false;
  const keys = Object.keys(next);
  if (keys.length !== Object.keys(previous).length) return false;
  return keys.every((key) => key === 'cursor' || (key in previous && previous[key] === next[key]));
}

/** The cursor entry of a client's current state in `awareness`, or null if it has none. */
export function cursorEntryOf(awareness: Awareness, clientID: number): CursorEntry | null {
  const meta = awareness.meta.get(clientID);
  const state = awareness.states.get(clientID) as State | undefined;
  if (!meta || !state) return null;
  const cursor = state.cursor as CursorEntry['cursor'] | undefined;
  return { clientID, clock: meta.clock, cursor: cursor ?? null };
}

/**
 * Applies cursor entries to the states they update and returns the ids of the clients updated.
 * An entry is skipped if it is older than the state, is about the awareness's own client, or
 * has no state to update (its full state never arrived or has gone): a cursor is never news of
 * a person.
 */
export function applyCursorEntries(awareness: Awareness, entries: readonly CursorEntry[], origin: unknown): number[] {
  const now = getUnixTime();
  const updated: number[] = [];
  const moved: number[] = [];
  for (const { clientID, clock, cursor } of entries) {
    if (clientID === awareness.clientID) continue;
    const meta = awareness.meta.get(clientID);
    const state = awareness.states.get(clientID) as State | undefined;
    if (!meta || !state || clock <= meta.clock) continue;
    awareness.states.set(clientID, { ...state, cursor });
    awareness.meta.set(clientID, { clock, lastUpdated: now });
    updated.push(clientID);
    if (!equalityDeep(state.cursor ?? null, cursor)) moved.push(clientID);
  }
  if (moved.length > 0) awareness.emit('change', [{ added: [], updated: moved, removed: [] }, origin]);
  if (updated.length > 0) awareness.emit('update', [{ added: [], updated, removed: [] }, origin]);
  return updated;
}
