import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { decodeSyncMessage, MAX_KEY_WRITES_PER_UPDATE, MAX_UPDATE_BYTES } from '../protocol';
import { groupForSending, MAX_MERGED_UPDATES, OutgoingUpdates } from './outgoing-updates';

/** The updates of a shape's creation and of `count` transactions, each moving it once. */
function moves(count: number): Uint8Array[] {
  const doc = new Y.Doc();
  const shape = new Y.Map<number>();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  doc.getMap('shapes').set('a', shape);
  for (let i = 0; i < count; i++) shape.set('x', i);
  return updates;
}

/** Applies messages to a fresh doc and reads the shape's x. */
function finalX(messages: Uint8Array[]): unknown {
  const doc = new Y.Doc();
  for (const message of messages) Y.applyUpdate(doc, message);
  return (doc.getMap('shapes').get('a') as Y.Map<number> | undefined)?.get('x');
}

describe('groupForSending', () => {
  it('merges a task of small edits into one message', () => {
    const updates = moves(10);
    const messages = groupForSending(updates);
    expect(messages).toHaveLength(1);
    expect(finalX(messages)).toBe(9);
  });

  it("splits a script's thousands of moves so that no message writes a property more than the server allows", () => {
    const updates = moves(5_000);
    const messages = groupForSending(updates);
    expect(messages.length).toBe(Math.ceil(updates.length / MAX_MERGED_UPDATES));
    expect(MAX_MERGED_UPDATES).toBeLessThan(MAX_KEY_WRITES_PER_UPDATE);
    for (const message of messages) {
      // Each move is one struct; a message holds at most MAX_MERGED_UPDATES of them.
      const structs = Y.decodeUpdate(message).structs.length;
      expect(structs).toBeLessThanOrEqual(MAX_MERGED_UPDATES + 1);
    }
    expect(finalX(messages)).toBe(4_999);
  });

  it('keeps each message under the update size limit, and sends an oversized update alone', () => {
    const big = new Uint8Array(MAX_UPDATE_BYTES - 10);
    const small = moves(2);
    const groups = groupForSending([small[0]!, big, small[1]!]);
    expect(groups).toHaveLength(3);
    expect(groups[1]).toBe(big);
  });

  it('sends each update marked alone (a part of a large deletion) as a message of its own', () => {
    const updates = moves(6);
    const alone = new Set([updates[2]!, updates[3]!]);
    const messages = groupForSending(updates, alone);
    expect(messages).toHaveLength(4);
    expect(messages[1]).toBe(updates[2]);
    expect(messages[2]).toBe(updates[3]);
    expect(finalX(messages)).toBe(5);
  });
});

describe('OutgoingUpdates', () => {
  function harness() {
    const sent: Array<{ message: Uint8Array; answer: (stored: boolean) => void }> = [];
    const outgoing = new OutgoingUpdates((message, answer) => sent.push({ message, answer }));
    return { outgoing, sent };
  }

  it('counts sent edits as pending until the server answers that they are stored', () => {
    const { outgoing, sent } = harness();
    const [a, b] = moves(1);
    expect(outgoing.add(a!, true)).toBe(true);
    expect(outgoing.add(b!, true)).toBe(false);
    expect(outgoing.pending).toBe(2);
    outgoing.flush(true);
    expect(sent).toHaveLength(1);
    expect(decodeSyncMessage(sent[0]!.message).type).toBe('update');
    expect(outgoing.pending).toBe(1);
    sent[0]!.answer(true);
    sent[0]!.answer(true);
    expect(outgoing.pending).toBe(0);
  });

  it('counts edits made offline as pending until a step 2 carrying them is stored', () => {
    const { outgoing, sent } = harness();
    outgoing.add(moves(1)[0]!, false);
    expect(sent).toHaveLength(0);
    expect(outgoing.pending).toBe(1);
    outgoing.sendStep2(new Uint8Array([1, 0]));
    expect(outgoing.pending).toBe(1);
    sent[0]!.answer(true);
    expect(outgoing.pending).toBe(0);
  });

  it('keeps what was cut off or refused pending, and ignores answers from a dropped connection', () => {
    const { outgoing, sent } = harness();
    outgoing.add(moves(1)[0]!, true);
    outgoing.flush(true);
    outgoing.connectionLost();
    expect(outgoing.pending).toBe(1);
    sent[0]!.answer(true);
    expect(outgoing.pending).toBe(1);

    outgoing.sendStep2(new Uint8Array([1, 0]));
    sent[1]!.answer(false);
    expect(outgoing.pending).toBe(1);
    outgoing.sendStep2(new Uint8Array([1, 0]));
    sent[2]!.answer(true);
    expect(outgoing.pending).toBe(0);
  });
});
