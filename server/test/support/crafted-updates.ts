/**
 * Hand-made Yjs V1 updates, byte for byte as Yjs writes them (`Item.write`, `writeDeleteSet`), for
 * the structs no honest client produces: chains of any length, re-sent clocks with other content,
 * clock gaps, foreign content kinds, references anywhere. Used by the validator's unit tests, the
 * hostile-client tests, the frame fuzzer and the validation benchmark.
 */
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

export interface Id {
  client: number;
  clock: number;
}

export type CraftedContent =
  | { any: unknown[] }
  | { deleted: number }
  | { string: string }
  /** A type: 0 Y.Array, 1 Y.Map, 2 Y.Text, 3 Y.XmlElement, 4 Y.XmlFragment, 5 Y.XmlHook, 6 Y.XmlText. */
  | { type: number; name?: string }
  | { json: unknown[] }
  | { binary: Uint8Array }
  | { embed: unknown }
  | { format: [string, unknown] }
  | { doc: string };

export interface CraftedItem {
  origin?: Id | null;
  rightOrigin?: Id | null;
  /** Written only when the item has neither origin: a root's name or a container item's id. */
  parent?: string | Id;
  parentSub?: string | null;
  content: CraftedContent;
}

export type CraftedStruct = CraftedItem | { gc: number } | { skip: number };

export interface CraftedRun {
  client: number;
  clock: number;
  structs: CraftedStruct[];
}

export interface CraftedDeletion {
  client: number;
  clock: number;
  length: number;
}

const CONTENT_REFS = { deleted: 1, json: 2, binary: 3, string: 4, embed: 5, format: 6, type: 7, any: 8, doc: 9 } as const;

export function craftUpdate(runs: CraftedRun[], deletions: CraftedDeletion[] = []): Uint8Array {
  const encoder = new Y.UpdateEncoderV1();
  encoding.writeVarUint(encoder.restEncoder, runs.length);
  for (const run of runs) {
    encoding.writeVarUint(encoder.restEncoder, run.structs.length);
    encoder.writeClient(run.client);
    encoding.writeVarUint(encoder.restEncoder, run.clock);
    for (const struct of run.structs) writeStruct(encoder, struct);
  }
  const byClient = new Map<number, CraftedDeletion[]>();
  for (const deletion of deletions) byClient.set(deletion.client, [...(byClient.get(deletion.client) ?? []), deletion]);
  encoding.writeVarUint(encoder.restEncoder, byClient.size);
  for (const [client, ranges] of byClient) {
    encoding.writeVarUint(encoder.restEncoder, client);
    encoding.writeVarUint(encoder.restEncoder, ranges.length);
    for (const range of ranges) {
      encoder.writeDsClock(range.clock);
      encoder.writeDsLen(range.length);
    }
  }
  return encoder.toUint8Array();
}

function writeStruct(encoder: Y.UpdateEncoderV1, struct: CraftedStruct): void {
  if ('gc' in struct) {
    encoder.writeInfo(0);
    encoder.writeLen(struct.gc);
    return;
  }
  if ('skip' in struct) {
    encoder.writeInfo(10);
    encoding.writeVarUint(encoder.restEncoder, struct.skip);
    return;
  }
  const { origin = null, rightOrigin = null, parent, parentSub = null, content } = struct;
  const kind = Object.keys(content)[0] as keyof typeof CONTENT_REFS;
  const info = CONTENT_REFS[kind] | (origin ? 128 : 0) | (rightOrigin ? 64 : 0) | (parentSub !== null ? 32 : 0);
  encoder.writeInfo(info);
  if (origin) encoder.writeLeftID(Y.createID(origin.client, origin.clock));
  if (rightOrigin) encoder.writeRightID(Y.createID(rightOrigin.client, rightOrigin.clock));
  if (!origin && !rightOrigin) {
    if (parent === undefined) throw new Error('an item without neighbours needs a parent');
    if (typeof parent === 'string') {
      encoder.writeParentInfo(true);
      encoder.writeString(parent);
    } else {
      encoder.writeParentInfo(false);
      encoder.writeLeftID(Y.createID(parent.client, parent.clock));
    }
    if (parentSub !== null) encoder.writeString(parentSub);
  }
  writeContent(encoder, content);
}

function writeContent(encoder: Y.UpdateEncoderV1, content: CraftedContent): void {
  if ('any' in content) {
    encoder.writeLen(content.any.length);
    for (const value of content.any) encoder.writeAny(value);
  } else if ('deleted' in content) {
    encoder.writeLen(content.deleted);
  } else if ('string' in content) {
    encoder.writeString(content.string);
  } else if ('type' in content) {
    encoder.writeTypeRef(content.type);
    if (content.type === 3 || content.type === 5) encoder.writeKey(content.name ?? 'x');
  } else if ('json' in content) {
    encoder.writeLen(content.json.length);
    for (const value of content.json) encoder.writeString(JSON.stringify(value));
  } else if ('binary' in content) {
    encoder.writeBuf(content.binary);
  } else if ('embed' in content) {
    encoder.writeJSON(content.embed);
  } else if ('format' in content) {
    encoder.writeKey(content.format[0]);
    encoder.writeJSON(content.format[1]);
  } else {
    encoder.writeString(content.doc);
    encoder.writeAny({});
  }
}

/** The id of the item that holds `key` of the root map `root` in `doc` (its current value). */
export function currentItemId(map: Y.Map<unknown>, key: string): Id {
  const item = map._map.get(key);
  if (!item) throw new Error(`no item under ${key}`);
  return { client: item.id.client, clock: item.id.clock + item.length - 1 };
}

/** The id of the item that holds a nested map (a shape's map). */
export function containerId(map: Y.Map<unknown>): Id {
  const item = map._item;
  if (!item) throw new Error('a root map has no item');
  return { client: item.id.client, clock: item.id.clock };
}

/**
 * One update overwriting `key` of the shape map `shape` `count` times in a chain (each item's
 * origin is the one before), as a client that never merges its structs would send it: about 7
 * bytes an overwrite of a number. The first overwrites the server's current value; the i-th
 * writes `value(i)` (by default i).
 */
export function craftOverwriteChain(shape: Y.Map<unknown>, key: string, count: number, client: number, startClock = 0, value: (i: number) => unknown = (i) => i): Uint8Array {
  const structs: CraftedItem[] = [];
  let origin: Id = currentItemId(shape, key);
  for (let i = 0; i < count; i++) {
    structs.push({ origin, content: { any: [value(i)] } });
    origin = { client, clock: startClock + i };
  }
  return craftUpdate([{ client, clock: startClock, structs }]);
}

/** The update that `change` makes on `doc`, as one transaction. */
export function captureUpdate(doc: Y.Doc, change: () => void): Uint8Array {
  let captured: Uint8Array | null = null;
  const listener = (update: Uint8Array) => (captured = update);
  doc.on('update', listener);
  doc.transact(change);
  doc.off('update', listener);
  if (!captured) throw new Error('the change made no update');
  return captured;
}

/**
 * The same limits with all the time in the world: for tests about what is refused, never about how
 * fast (the machine may be loaded).
 */
export function untimed<T extends { timeBaseMs: number }>(limits: T): T {
  return { ...limits, timeBaseMs: 600_000 };
}
