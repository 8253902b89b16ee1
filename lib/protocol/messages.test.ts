import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  encodeBroadcast,
  serverFrameBytes,
  decodeAwarenessUpdate,
  encodeBoardState,
  isEmptyStateVector,
  decodeSyncMessage,
  encodeAwarenessEntries,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncUpdate,
  ProtocolDecodeError,
} from './messages';
import { isValidBoardId, newBoardId } from './board-id';
import { FAN_OUT_TICK_MAX_MS, FAN_OUT_TICK_MIN_MS, FAN_OUT_TICK_MS_PER_SOCKET, fanOutTickMs } from './limits';

function docWithText(text: string): Y.Doc {
  const doc = new Y.Doc();
  doc.getMap('m').set('k', text);
  return doc;
}

describe('sync messages', () => {
  it('round-trip step 1, step 2 and update, and a step 2 brings a doc up to date', () => {
    const source = docWithText('hello');
    const target = new Y.Doc();

    const step1 = decodeSyncMessage(encodeSyncStep1(target));
    expect(step1.type).toBe('step1');
    if (step1.type !== 'step1') throw new Error('unreachable');
    expect(step1.stateVector).toEqual(Y.encodeStateVector(target));

    const step2 = decodeSyncMessage(encodeSyncStep2(source, step1.stateVector));
    expect(step2.type).toBe('step2');
    if (step2.type !== 'step2') throw new Error('unreachable');
    Y.applyUpdate(target, step2.update);
    expect(target.getMap('m').get('k')).toBe('hello');

    const update = Y.encodeStateAsUpdate(source);
    expect(decodeSyncMessage(encodeSyncUpdate(update))).toEqual({ type: 'update', update });
  });

  it.each([
    ['an empty frame', new Uint8Array([])],
    ['an unknown type', new Uint8Array([7, 0])],
    ['a truncated payload', new Uint8Array([2, 10, 1, 2])],
    ['trailing bytes', new Uint8Array([2, 1, 5, 9])],
  ])('rejects %s', (_name, frame) => {
    expect(() => decodeSyncMessage(frame)).toThrow(ProtocolDecodeError);
  });

  it('rejects a frame that is not binary', () => {
    expect(() => decodeSyncMessage('hello')).toThrow('expected a binary frame');
    expect(() => decodeSyncMessage({ 0: 1 })).toThrow(ProtocolDecodeError);
  });
});

describe('awareness messages', () => {
  it('round-trip entries, including a departed client', () => {
    const entries = [
      { clientID: 1, clock: 3, state: { user: { name: 'Ada', color: '#123456' } } },
      { clientID: 99999, clock: 1, state: null },
    ];
    expect(decodeAwarenessUpdate(encodeAwarenessEntries(entries))).toEqual(entries);
  });

  it('rejects malformed JSON and truncation', () => {
    const good = encodeAwarenessEntries([{ clientID: 1, clock: 1, state: { a: 1 } }]);
    expect(() => decodeAwarenessUpdate(good.slice(0, good.length - 2))).toThrow(ProtocolDecodeError);
    const broken = good.slice();
    broken[broken.length - 1] = 0x7b; // '{' where '}' belongs
    expect(() => decodeAwarenessUpdate(broken)).toThrow(ProtocolDecodeError);
  });
});

describe('board ids', () => {
  it('new ids are valid, long enough to be unguessable, and distinct', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newBoardId()));
    expect(ids.size).toBe(1000);
    for (const id of ids) {
      expect(isValidBoardId(id)).toBe(true);
      expect(id.length).toBeGreaterThanOrEqual(22);
    }
  });

  it.each(['', 'a b', 'a/b', '../x', 'x'.repeat(65), 'é'])('rejects %j', (id) => {
    expect(isValidBoardId(id)).toBe(false);
  });
});

describe('fanOutTickMs', () => {
  it('grows with the audience from the minimum to the maximum tick', () => {
    expect(fanOutTickMs(1)).toBe(FAN_OUT_TICK_MIN_MS);
    expect(fanOutTickMs(25)).toBe(25 * FAN_OUT_TICK_MS_PER_SOCKET);
    expect(fanOutTickMs(200)).toBe(FAN_OUT_TICK_MAX_MS);
    // Sends a second (sockets x ticks a second) stay bounded: 100 per socket, 33 on a large board.
    for (const sockets of [1, 10, 29]) expect((sockets * 1000) / fanOutTickMs(sockets)).toBeLessThanOrEqual(100 * sockets);
    for (const sockets of [30, 200, 1000]) expect((sockets * 1000) / fanOutTickMs(sockets)).toBeCloseTo((100 / 3) * sockets);
  });
});

describe('board state messages', () => {
  it('carry a V2 snapshot and the V1 updates after it, and rebuild the board', () => {
    const doc = new Y.Doc();
    doc.getMap('m').set('a', 1);
    const snapshot = Y.encodeStateAsUpdateV2(doc);
    const later: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => later.push(update));
    doc.getMap('m').set('b', 2);
    const message = decodeSyncMessage(encodeBoardState({ snapshot, updates: later }));
    expect(message.type).toBe('state');
    if (message.type !== 'state') return;
    const copy = new Y.Doc();
    Y.applyUpdateV2(copy, message.snapshot!);
    for (const update of message.updates) Y.applyUpdate(copy, update);
    expect(copy.getMap('m').toJSON()).toEqual({ a: 1, b: 2 });
  });

  it('carry no snapshot for a board that has only a log', () => {
    const message = decodeSyncMessage(encodeBoardState({ snapshot: null, updates: [new Uint8Array([0, 0])] }));
    expect(message).toEqual({ type: 'state', snapshot: null, updates: [new Uint8Array([0, 0])] });
  });

  it('are refused when truncated', () => {
    const bytes = encodeBoardState({ snapshot: new Uint8Array([1, 2, 3]), updates: [new Uint8Array([4, 5])] });
    expect(() => decodeSyncMessage(bytes.subarray(0, bytes.length - 1))).toThrow(ProtocolDecodeError);
  });

  it('answer only a step 1 with an empty state vector', () => {
    expect(isEmptyStateVector(Y.encodeStateVector(new Y.Doc()))).toBe(true);
    const doc = new Y.Doc();
    doc.getMap('m').set('a', 1);
    expect(isEmptyStateVector(Y.encodeStateVector(doc))).toBe(false);
  });
});

describe('broadcast frames', () => {
  it('travel as base64 text and read back as the same bytes; binary frames read as they are', () => {
    const message = encodeSyncUpdate(new Uint8Array([1, 2, 3, 250, 0, 7]));
    const text = encodeBroadcast(message);
    expect(typeof text).toBe('string');
    expect(serverFrameBytes(text)).toEqual(message);
    expect(serverFrameBytes(message)).toBe(message);
    expect(serverFrameBytes(message.buffer.slice(message.byteOffset, message.byteOffset + message.byteLength))).toEqual(message);
  });

  it('refuse text that is not base64, and frames that are neither text nor bytes', () => {
    expect(() => serverFrameBytes('not base64 at all!')).toThrow(ProtocolDecodeError);
    expect(() => serverFrameBytes({ not: 'a frame' })).toThrow(ProtocolDecodeError);
  });
});
