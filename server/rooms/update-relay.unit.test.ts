import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { UpdateRelay } from './update-relay';

/** An update that sets `key` in the map "m" of a fresh client's doc. */
function updateSetting(key: string, value: number): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('m').set(key, value);
  return Y.encodeStateAsUpdate(doc);
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function recordingRelay(intervalMs: number) {
  const sent: { update: Uint8Array; except: string | null }[] = [];
  const relay = new UpdateRelay((update, except) => sent.push({ update, except }), intervalMs);
  return { relay, sent };
}

describe('UpdateRelay', () => {
  it('relays a lone update on a quiet board at once, skipping its sender', async () => {
    const { relay, sent } = recordingRelay(50);
    const update = updateSetting('a', 1);
    relay.add(update, new Set(['alice']));
    await nextTurn();
    expect(sent).toEqual([{ update, except: 'alice' }]);
  });

  it('sends the updates of one tick as one merged update to everyone when several people sent them', async () => {
    const { relay, sent } = recordingRelay(50);
    relay.add(updateSetting('warm', 0), new Set(['carol'])); // opens a tick
    await nextTurn();
    relay.add(updateSetting('a', 1), new Set(['alice']));
    relay.add(updateSetting('b', 2), new Set(['bob']));
    relay.add(updateSetting('c', 3), new Set(['alice']));
    await nextTurn();
    expect(sent).toHaveLength(1);
    await sleep(80);
    expect(sent).toHaveLength(2);
    expect(sent[1]!.except).toBeNull();
    const doc = new Y.Doc();
    Y.applyUpdate(doc, sent[1]!.update);
    expect(doc.getMap('m').toJSON()).toEqual({ a: 1, b: 2, c: 3 });
  });

  it('keeps skipping the sender when one person sent the whole tick', async () => {
    const { relay, sent } = recordingRelay(30);
    relay.add(updateSetting('a', 1), new Set(['alice']));
    await nextTurn();
    relay.add(updateSetting('b', 2), new Set(['alice']));
    relay.add(updateSetting('c', 3), new Set(['alice']));
    await sleep(60);
    expect(sent.map((entry) => entry.except)).toEqual(['alice', 'alice']);
  });

  it('sends nothing after it is destroyed', async () => {
    const { relay, sent } = recordingRelay(30);
    relay.add(updateSetting('a', 1), new Set(['alice']));
    relay.destroy();
    await sleep(60);
    expect(sent).toEqual([]);
  });
});
