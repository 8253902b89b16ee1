import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { FanOut, type PresenceBatch } from './fan-out';

/** An update that sets `key` in the map "m" of a fresh client's doc. */
function updateSetting(key: string, value: number): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('m').set(key, value);
  return Y.encodeStateAsUpdate(doc);
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A fan-out whose presence source hands out what `presence.next` holds, once. */
function recordingRelay(intervalMs: number) {
  const sent: { update: Uint8Array | null; except: string | null; presence: PresenceBatch | null }[] = [];
  const presence: { next: PresenceBatch | null } = { next: null };
  const take = () => {
    const batch = presence.next;
    presence.next = null;
    return batch;
  };
  const relay = new FanOut(({ update, updateSender, presence: batch }) => sent.push({ update, except: updateSender, presence: batch }), take, intervalMs);
  return { relay, sent, presence };
}

const moved: PresenceBatch = { full: null, cursors: new Uint8Array([1, 5, 1, 0]), mayDrop: true, standard: () => [new Uint8Array([0])] };

describe('FanOut', () => {
  it('relays a lone update on a quiet board at once, skipping its sender', async () => {
    const { relay, sent } = recordingRelay(50);
    const update = updateSetting('a', 1);
    relay.addUpdate(update, new Set(['alice']));
    await nextTurn();
    expect(sent).toEqual([{ update, except: 'alice', presence: null }]);
  });

  it('sends the updates of one tick as one merged update to everyone when several people sent them', async () => {
    const { relay, sent } = recordingRelay(50);
    relay.addUpdate(updateSetting('warm', 0), new Set(['carol'])); // opens a tick
    await nextTurn();
    relay.addUpdate(updateSetting('a', 1), new Set(['alice']));
    relay.addUpdate(updateSetting('b', 2), new Set(['bob']));
    relay.addUpdate(updateSetting('c', 3), new Set(['alice']));
    await nextTurn();
    expect(sent).toHaveLength(1);
    await sleep(80);
    expect(sent).toHaveLength(2);
    expect(sent[1]!.except).toBeNull();
    const doc = new Y.Doc();
    Y.applyUpdate(doc, sent[1]!.update!);
    expect(doc.getMap('m').toJSON()).toEqual({ a: 1, b: 2, c: 3 });
  });

  it('keeps skipping the sender when one person sent the whole tick', async () => {
    const { relay, sent } = recordingRelay(30);
    relay.addUpdate(updateSetting('a', 1), new Set(['alice']));
    await nextTurn();
    relay.addUpdate(updateSetting('b', 2), new Set(['alice']));
    relay.addUpdate(updateSetting('c', 3), new Set(['alice']));
    await sleep(60);
    expect(sent.map((entry) => entry.except)).toEqual(['alice', 'alice']);
  });

  it('sends nothing after it is destroyed', async () => {
    const { relay, sent } = recordingRelay(30);
    relay.addUpdate(updateSetting('a', 1), new Set(['alice']));
    relay.destroy();
    await sleep(60);
    expect(sent).toEqual([]);
  });

  it('sends presence at once on a quiet board, and with the updates of the same tick', async () => {
    const { relay, sent, presence } = recordingRelay(40);
    presence.next = moved;
    relay.presenceChanged();
    expect(sent).toEqual([{ update: null, except: null, presence: moved }]);
    // Within the tick: an update and a move wait for the tick's end and go out as one.
    const update = updateSetting('a', 1);
    relay.addUpdate(update, new Set(['alice']));
    presence.next = moved;
    relay.presenceChanged();
    await nextTurn();
    expect(sent).toHaveLength(1);
    await sleep(70);
    expect(sent.slice(1)).toEqual([{ update, except: 'alice', presence: moved }]);
  });

  it('sends nothing for a tick with nothing in it', async () => {
    const { relay, sent } = recordingRelay(20);
    relay.presenceChanged();
    relay.flush();
    await sleep(40);
    expect(sent).toEqual([]);
  });
});
