/**
 * Seeded malformed frames for the frame fuzzer: random bytes, real updates cut short or with bits
 * flipped, crafted structs of every kind, oversized and wrong-typed messages, awareness and cursor
 * frames, for Socket.IO events, /yjs messages and raw Engine.IO packets.
 */
import * as encoding from 'lib0/encoding';
import * as prng from 'lib0/prng';
import {
  AWARENESS_EVENT,
  CURSORS_EVENT,
  encodeAwarenessEntries,
  encodeCursorEntries,
  encodeSyncUpdate,
  encodeYjsAwarenessFrame,
  encodeYjsFrame,
  encodeYjsSyncFrame,
  MAX_AWARENESS_BYTES,
  MAX_UPDATE_BYTES,
  SYNC_EVENT,
  YJS_MESSAGE_AWARENESS,
} from '../../../lib/protocol';
import { type CraftedContent, type CraftedStruct, craftUpdate, type Id } from './crafted-updates';

/** What the board offers to build on: updates the server could take, and ids it has. */
export interface FuzzMaterial {
  updates: Uint8Array[];
  ids: Id[];
  shapeIds: string[];
}

/** One frame: a Socket.IO event, or a /yjs or Engine.IO message. */
export type FuzzFrame = { event: string; payload: unknown } | Uint8Array | string;

/** The frame kind of the switches below that sends an oversized message. */
const OVERSIZED = 10;

function syncType(type: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

export class FrameFuzzer {
  constructor(
    private readonly random: prng.PRNG,
    private readonly material: FuzzMaterial,
  ) {}

  /** A sync message (y-protocols) carrying something malformed. */
  syncMessage(): Uint8Array {
    const random = this.random;
    switch (prng.int32(random, 0, 7)) {
      case 0:
        return prng.uint8Array(random, prng.int32(random, 0, 64));
      case 1:
        return encodeSyncUpdate(this.flipped(prng.oneOf(random, this.material.updates)));
      case 2:
        return encodeSyncUpdate(this.truncated(prng.oneOf(random, this.material.updates)));
      case 3:
        return encodeSyncUpdate(this.crafted());
      case 4:
        return syncType(prng.int32(random, 0, 2), this.crafted());
      case 5:
        // A state vector of random bytes, or a step 2 of random bytes.
        return syncType(prng.int32(random, 0, 1), prng.uint8Array(random, prng.int32(random, 0, 32)));
      case 6:
        return this.truncated(encodeSyncUpdate(prng.oneOf(random, this.material.updates)));
      default:
        return syncType(prng.int32(random, 3, 300), prng.uint8Array(random, prng.int32(random, 0, 16)));
    }
  }

  /** An awareness update: random bytes, or well-framed entries with strange states. */
  awarenessUpdate(): Uint8Array {
    const random = this.random;
    if (prng.int32(random, 0, 3) === 0) return prng.uint8Array(random, prng.int32(random, 0, 64));
    const states: unknown[] = [
      null,
      {},
      { user: { name: prng.utf16String(random, 200), color: '#123456' }, cursor: { x: prng.real53(random), y: 1 } },
      { user: { name: 'x', color: 'red' }, selection: Array.from({ length: prng.int32(random, 0, 50) }, () => prng.word(random)) },
      prng.word(random),
      [1, 2, 3],
      { user: { name: 'a'.repeat(prng.int32(random, 0, 5_000)), color: '#000000' } },
    ];
    const entries = Array.from({ length: prng.int32(random, 0, 8) }, () => ({
      clientID: prng.uint32(random, 0, 0xffffffff),
      clock: prng.uint32(random, 0, 100),
      state: prng.oneOf(random, states),
    }));
    const update = encodeAwarenessEntries(entries);
    return prng.bool(random) ? update : this.truncated(update);
  }

  cursorFrame(): Uint8Array {
    const random = this.random;
    if (prng.bool(random)) return prng.uint8Array(random, prng.int32(random, 0, 32));
    return encodeCursorEntries(
      Array.from({ length: prng.int32(random, 0, 6) }, () => ({
        clientID: prng.uint32(random, 0, 0xffffffff),
        clock: prng.uint32(random, 0, 1_000_000),
        cursor: prng.bool(random) ? { x: prng.int32(random, -1e6, 1e6), y: prng.int32(random, -1e6, 1e6) } : null,
      })),
    );
  }

  /** In one frame of 10 (the switches' case 0), sometimes an oversized one: one in 100 frames. */
  private rarely(): number {
    return prng.int32(this.random, 0, 9) === 0 ? OVERSIZED : prng.int32(this.random, 1, 9);
  }

  /** A value of a type no handler expects. */
  wrongType(): unknown {
    return prng.oneOf(this.random, ['text', 42, null, true, { bytes: [1, 2] }, [new Uint8Array([1]), 'x'], '', -1]);
  }

  /** A frame larger than its message's limit (rarely the largest: building it costs the fuzzer too). */
  oversized(): { kind: 'update' | 'awareness'; bytes: Uint8Array } {
    if (prng.int32(this.random, 0, 40) === 0) return { kind: 'update', bytes: encodeSyncUpdate(new Uint8Array(MAX_UPDATE_BYTES + 1)) };
    return { kind: 'awareness', bytes: new Uint8Array(MAX_AWARENESS_BYTES + prng.int32(this.random, 1, 4_096)) };
  }

  socketIoFrame(): FuzzFrame {
    const random = this.random;
    switch (prng.int32(random, 0, 9) || this.rarely()) {
      case 0:
      case 1:
      case 2:
        return { event: SYNC_EVENT, payload: this.syncMessage() };
      case 3:
        return { event: AWARENESS_EVENT, payload: this.awarenessUpdate() };
      case 4:
        return { event: CURSORS_EVENT, payload: this.cursorFrame() };
      case 5:
        return { event: prng.oneOf(random, [SYNC_EVENT, AWARENESS_EVENT, CURSORS_EVENT]), payload: this.wrongType() };
      case 6:
        return { event: prng.oneOf(random, ['tick', 'tabula:error', `x-${prng.word(random, 1, 12)}`]), payload: this.syncMessage() };
      case OVERSIZED: {
        const { kind, bytes } = this.oversized();
        return { event: kind === 'update' ? SYNC_EVENT : AWARENESS_EVENT, payload: bytes };
      }
      default:
        return { event: SYNC_EVENT, payload: encodeSyncUpdate(this.crafted()) };
    }
  }

  yjsFrame(): FuzzFrame {
    const random = this.random;
    switch (prng.int32(random, 0, 9) || this.rarely()) {
      case 0:
      case 1:
      case 2:
        return encodeYjsSyncFrame(this.syncMessage());
      case 3:
        return encodeYjsAwarenessFrame(this.awarenessUpdate());
      case 4:
        return encodeYjsFrame(YJS_MESSAGE_AWARENESS, this.awarenessUpdate());
      case 5:
        // Query awareness, auth, and types nobody defined.
        return encodeYjsFrame(prng.oneOf(random, [2, 3, 4, 9, 127, 128, 100_000]), prng.uint8Array(random, prng.int32(random, 0, 8)));
      case 6:
        return prng.oneOf(random, [new Uint8Array(0), prng.word(random, 0, 40), JSON.stringify({ type: 'sync' }), prng.uint8Array(random, prng.int32(random, 1, 64))]);
      case OVERSIZED: {
        const { kind, bytes } = this.oversized();
        return kind === 'update' ? encodeYjsSyncFrame(bytes) : encodeYjsAwarenessFrame(bytes);
      }
      default:
        return encodeYjsSyncFrame(encodeSyncUpdate(this.crafted()));
    }
  }

  /** Raw Engine.IO / Socket.IO packets, malformed below what socket.io-client would ever send. */
  engineIoFrame(): FuzzFrame {
    const random = this.random;
    switch (prng.int32(random, 0, 7)) {
      case 0:
        return `42${prng.oneOf(random, ['[', '["sync"', '["sync",', '{}', '[1,2,3]', '["sync",{"_placeholder":true,"num":0}]', '[]'])}`;
      case 1:
        return `45${prng.int32(random, 0, 99_999)}-${prng.oneOf(random, ['["sync",{"_placeholder":true,"num":0}]', '["sync",{"_placeholder":true,"num":7}]', '[', '0["sync"]'])}`;
      case 2:
        return prng.uint8Array(random, prng.int32(random, 0, 64));
      case 3:
        return `${prng.int32(random, 0, 9)}${prng.word(random, 0, 30)}`;
      case 4:
        return `4${prng.int32(random, 0, 9)}${prng.utf16String(random, 30)}`;
      case 5:
        return `40${prng.oneOf(random, ['{"boardId":1}', '{', '/other,', '{"boardId":"../x"}'])}`;
      case 6:
        return `42["${prng.oneOf(random, ['sync', 'awareness', 'cursors'])}",${JSON.stringify(this.wrongType())}]`;
      default:
        return '';
    }
  }

  /** An update of random structs around the ids the server has. */
  crafted(): Uint8Array {
    const random = this.random;
    const runs = Array.from({ length: prng.int32(random, 0, 3) }, () => {
      const known = prng.bool(random) ? prng.oneOf(random, this.material.ids) : null;
      const client = known?.client ?? prng.uint32(random, 0, 2 ** 32 - 1);
      const clock = known ? known.clock + prng.int32(random, -2, 2) : prng.int32(random, 0, 3);
      return { client, clock: Math.max(0, clock), structs: Array.from({ length: prng.int32(random, 0, 4) }, () => this.struct()) };
    });
    const deletions = Array.from({ length: prng.int32(random, 0, 2) }, () => {
      const known = prng.oneOf(random, this.material.ids);
      return { client: prng.bool(random) ? known.client : prng.uint32(random, 0, 2 ** 32 - 1), clock: prng.int32(random, 0, known.clock + 3), length: prng.int32(random, 0, 5) };
    });
    return craftUpdate(runs, deletions);
  }

  private struct(): CraftedStruct {
    const random = this.random;
    const pick = prng.int32(random, 0, 9);
    if (pick === 0) return { gc: prng.int32(random, 0, 3) };
    if (pick === 1) return { skip: prng.int32(random, 0, 3) };
    const id = () => (prng.bool(random) ? prng.oneOf(random, this.material.ids) : { client: prng.uint32(random, 0, 2 ** 32 - 1), clock: prng.int32(random, 0, 5) });
    const content = this.content();
    if (prng.bool(random)) return { origin: id(), rightOrigin: prng.bool(random) ? id() : null, content };
    const parent = prng.bool(random) ? prng.oneOf(random, ['shapes', 'meta', 'chat', 'admin', '', prng.word(random)]) : id();
    const parentSub = prng.bool(random) ? prng.oneOf(random, [...this.material.shapeIds, 'x', 'title', 'onclick', '__proto__', prng.word(random)]) : null;
    return { parent, parentSub, content };
  }

  private content(): CraftedContent {
    const random = this.random;
    const values = [1, -1e9, 'x', null, true, { id: 'm', text: 'hi' }, [1, 2, 3], 'a'.repeat(prng.int32(random, 0, 300)), Number.NaN];
    switch (prng.int32(random, 0, 9)) {
      case 0:
        return { deleted: prng.int32(random, 0, 4) };
      case 1:
        return { string: prng.utf16String(random, 10) };
      case 2:
        return { type: prng.int32(random, 0, 6), name: prng.word(random) };
      case 3:
        return { json: [prng.oneOf(random, values)] };
      case 4:
        return { binary: prng.uint8Array(random, 4) };
      case 5:
        return { embed: prng.oneOf(random, values) };
      case 6:
        return { format: ['bold', prng.oneOf(random, values)] };
      case 7:
        return { doc: prng.word(random) };
      default:
        return { any: Array.from({ length: prng.int32(random, 0, 3) }, () => prng.oneOf(random, values)) };
    }
  }

  private flipped(bytes: Uint8Array): Uint8Array {
    const copy = Uint8Array.from(bytes);
    for (let flips = prng.int32(this.random, 1, 3); flips > 0 && copy.length > 0; flips--) {
      copy[prng.int32(this.random, 0, copy.length - 1)]! ^= 1 << prng.int32(this.random, 0, 7);
    }
    return copy;
  }

  private truncated(bytes: Uint8Array): Uint8Array {
    return bytes.slice(0, prng.int32(this.random, 0, Math.max(0, bytes.length - 1)));
  }
}
