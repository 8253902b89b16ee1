import { describe, expect, it } from 'vitest';
import type { PresenceBatch } from '../rooms/fan-out';
import { StandardPresence } from './standard-presence';

/** A batch whose standard messages name the people they carry (one byte each), held ones after. */
function batch(clients: number[], mayDrop: boolean): PresenceBatch {
  return { full: null, cursors: null, mayDrop, clients, standard: (also = []) => [new Uint8Array([...new Set([...clients, ...also])])] };
}

const sent = (messages: Uint8Array[]) => messages.flatMap((message) => [...message]);

describe('StandardPresence', () => {
  it('sends cursor moves every other tick, with the people held from the tick before', () => {
    const presence = new StandardPresence();
    expect(sent(presence.messages(batch([1, 2], true)))).toEqual([1, 2]);
    expect(sent(presence.messages(batch([3], true)))).toEqual([]);
    expect(sent(presence.messages(batch([1], true)))).toEqual([1, 3]);
    expect(sent(presence.messages(batch([2], true)))).toEqual([]);
  });

  it('sends a batch that may not be dropped at once, the held people included', () => {
    const presence = new StandardPresence();
    presence.messages(batch([1], true));
    expect(sent(presence.messages(batch([4], true)))).toEqual([]);
    expect(sent(presence.messages(batch([5], false)))).toEqual([5, 4]);
    // The count starts again after any send: the next moves are held.
    expect(sent(presence.messages(batch([6], true)))).toEqual([]);
  });
});
