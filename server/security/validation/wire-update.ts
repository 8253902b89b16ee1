/**
 * Reads a Yjs V1 update into plain records, without applying it and without creating any Yjs
 * object, counting entries (structs and their values, deletion ranges, the headers of runs) against the
 * budget as it goes: a flood of tiny structs is refused after the first `maxEntries`, not after
 * decoding megabytes of them.
 *
 * The reading mirrors Yjs's own (`readClientsStructRefs` and `readDeleteSet` in yjs/src/utils,
 * through the same `UpdateDecoderV1` methods), so that the structs checked here are the structs
 * Yjs applies, byte for byte. Content kinds that no board ever holds (JSON, binary, embeds,
 * formatting marks, subdocuments) are refused as they are met; a subdocument is not even
 * constructed (Yjs would create a Y.Doc from options the sender chose).
 */
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import type { Budget } from './budget';
import { InvalidUpdateError } from './errors';

export interface WireId {
  client: number;
  clock: number;
}

/** Yjs's type references, in the order of its `typeRefs` table. */
export const TYPE_REFS = ['Y.Array', 'Y.Map', 'Y.Text', 'Y.XmlElement', 'Y.XmlFragment', 'Y.XmlHook', 'Y.XmlText'] as const;
export const Y_ARRAY = 0;
export const Y_MAP = 1;
export const Y_TEXT = 2;

export type WireContent =
  | { kind: 'deleted'; length: number }
  | { kind: 'any'; values: unknown[] }
  | { kind: 'string'; text: string }
  | { kind: 'type'; typeRef: number };

export interface WireItem {
  kind: 'item';
  client: number;
  clock: number;
  length: number;
  origin: WireId | null;
  rightOrigin: WireId | null;
  /** On the wire only when the item has no neighbours: a root's name or a container item's id. */
  parent: string | WireId | null;
  parentSub: string | null;
  content: WireContent;
}

/** A garbage-collected range (its content is gone), or a range the update skips. */
export interface WireRange {
  kind: 'gc' | 'skip';
  client: number;
  clock: number;
  length: number;
}

export type WireStruct = WireItem | WireRange;

export interface WireDeletion {
  client: number;
  clock: number;
  length: number;
}

export interface WireUpdate {
  /** In the order of the update: one run of consecutive clocks per client. */
  structs: WireStruct[];
  deletions: WireDeletion[];
}

const BIT6 = 32;
const BIT7 = 64;
const BIT8 = 128;
const BITS5 = 31;
const SKIP_INFO = 10;

const REFUSED_CONTENT: Record<number, string> = {
  2: 'JSON content',
  3: 'binary content',
  5: 'embedded content',
  6: 'text formatting',
  9: 'a subdocument',
};

/** Reads the update; throws InvalidUpdateError if it cannot be read or holds refused content. */
export function readWireUpdate(update: Uint8Array, budget: Budget): WireUpdate {
  const decoder = new Y.UpdateDecoderV1(decoding.createDecoder(update));
  try {
    return { structs: readStructs(decoder, budget), deletions: readDeletions(decoder, budget) };
  } catch (error) {
    if (error instanceof InvalidUpdateError) throw error;
    throw new InvalidUpdateError('the update could not be decoded');
  }
}

function readStructs(decoder: Y.UpdateDecoderV1, budget: Budget): WireStruct[] {
  const structs: WireStruct[] = [];
  const seen = new Set<number>();
  const clients = decoding.readVarUint(decoder.restDecoder);
  for (let c = 0; c < clients; c++) {
    // A run's header counts as an entry too, so that a flood of empty runs is capped like one of structs.
    budget.entry();
    const count = decoding.readVarUint(decoder.restDecoder);
    const client = decoder.readClient();
    // Yjs keeps only the last run of a client listed twice: the others would be checked, not applied.
    if (seen.has(client)) throw new InvalidUpdateError('the update lists the structs of one client twice');
    seen.add(client);
    let clock = decoding.readVarUint(decoder.restDecoder);
    for (let i = 0; i < count; i++) {
      budget.entry();
      const info = decoder.readInfo();
      let struct: WireStruct;
      // Yjs tells a skip by these five bits (`readClientsStructRefs`), GC by their being zero.
      const ref = info & BITS5;
      if (ref === SKIP_INFO) {
        struct = { kind: 'skip', client, clock, length: decoding.readVarUint(decoder.restDecoder) };
      } else if (ref === 0) {
        struct = { kind: 'gc', client, clock, length: decoder.readLen() };
      } else {
        const origin = (info & BIT8) === BIT8 ? readId(decoder) : null;
        const rightOrigin = (info & BIT7) === BIT7 ? readId(decoder) : null;
        const hasParentInfo = (info & (BIT7 | BIT8)) === 0;
        const parent = hasParentInfo ? (decoder.readParentInfo() ? decoder.readString() : readId(decoder)) : null;
        const parentSub = hasParentInfo && (info & BIT6) === BIT6 ? decoder.readString() : null;
        const content = readContent(decoder, ref, budget);
        struct = { kind: 'item', client, clock, length: contentLength(content), origin, rightOrigin, parent, parentSub, content };
      }
      if (!(struct.length > 0)) throw new InvalidUpdateError('the update holds an empty struct');
      clock += struct.length;
      if (!Number.isSafeInteger(clock)) throw new InvalidUpdateError('a clock in the update is out of range');
      structs.push(struct);
    }
  }
  return structs;
}

function readId(decoder: Y.UpdateDecoderV1): WireId {
  const client = decoding.readVarUint(decoder.restDecoder);
  return { client, clock: decoding.readVarUint(decoder.restDecoder) };
}

function readContent(decoder: Y.UpdateDecoderV1, ref: number, budget: Budget): WireContent {
  switch (ref) {
    case 1:
      return { kind: 'deleted', length: decoder.readLen() };
    case 4:
      return { kind: 'string', text: decoder.readString() };
    case 7: {
      const typeRef = decoder.readTypeRef();
      if (typeRef >= TYPE_REFS.length) throw new InvalidUpdateError('the update could not be decoded');
      // XML elements and hooks carry a name: read, so that the bytes stay aligned, and dropped.
      if (typeRef === 3 || typeRef === 5) decoder.readKey();
      return { kind: 'type', typeRef };
    }
    case 8: {
      const length = decoder.readLen();
      const values: unknown[] = [];
      for (let i = 0; i < length; i++) {
        // Each value beyond the first is checked like a struct, so it counts like one.
        if (i > 0) budget.entry();
        values.push(decoder.readAny());
      }
      return { kind: 'any', values };
    }
    default:
      throw new InvalidUpdateError(REFUSED_CONTENT[ref] ? `boards hold no ${REFUSED_CONTENT[ref]}` : 'the update could not be decoded');
  }
}

function contentLength(content: WireContent): number {
  switch (content.kind) {
    case 'deleted':
      return content.length;
    case 'any':
      return content.values.length;
    case 'string':
      return content.text.length;
    case 'type':
      return 1;
  }
}

function readDeletions(decoder: Y.UpdateDecoderV1, budget: Budget): WireDeletion[] {
  const deletions: WireDeletion[] = [];
  const clients = decoding.readVarUint(decoder.restDecoder);
  for (let c = 0; c < clients; c++) {
    budget.entry();
    decoder.resetDsCurVal();
    const client = decoding.readVarUint(decoder.restDecoder);
    const count = decoding.readVarUint(decoder.restDecoder);
    for (let i = 0; i < count; i++) {
      budget.entry();
      const deletion = { client, clock: decoder.readDsClock(), length: decoder.readDsLen() };
      if (deletion.length === 0) throw new InvalidUpdateError('the update deletes an empty range');
      if (!Number.isSafeInteger(deletion.clock + deletion.length)) throw new InvalidUpdateError('a clock in the update is out of range');
      deletions.push(deletion);
    }
  }
  return deletions;
}
