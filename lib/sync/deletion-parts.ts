/**
 * A local transaction that deletes many items (select all and delete on a large board, undoing a
 * large import) goes to the server in parts: its new structs, if any, first, then its deletions
 * in parts of at most DELETION_PART_CLOCKS clocks, latest clocks first. Yjs merges the runs of
 * collected items that a deletion leaves by splicing the client's array of structs once per run,
 * so one update deleting tens of thousands of shapes takes the server seconds to merge (its
 * check refuses it); in parts, each is short, and latest first the splices move only what earlier
 * parts have already merged.
 *
 * Only the update's deletion set is cut: it is the end of a version 1 update, written from the
 * transaction's `deleteSet` (sorted and merged by Yjs before the update is encoded), so the
 * structs are the bytes before it, followed by an empty deletion set.
 */
import * as encoding from 'lib0/encoding';
import type * as Y from 'yjs';
import { DELETION_PART_CLOCKS } from '../protocol/limits';

interface Range {
  client: number;
  clock: number;
  length: number;
}

/** Clocks the transaction deleted. */
function deletedClocks(deleteSet: Y.Transaction['deleteSet']): number {
  let clocks = 0;
  for (const items of deleteSet.clients.values()) for (const item of items) clocks += item.len;
  return clocks;
}

/** A deletion set as Yjs writes it in a version 1 update (`writeDeleteSet`): clients in descending order. */
function writeDeletions(encoder: encoding.Encoder, ranges: readonly Range[]): void {
  const byClient = new Map<number, Range[]>();
  for (const range of ranges) {
    const list = byClient.get(range.client);
    if (list) list.push(range);
    else byClient.set(range.client, [range]);
  }
  encoding.writeVarUint(encoder, byClient.size);
  for (const [client, list] of [...byClient].sort((a, b) => b[0] - a[0])) {
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, list.length);
    for (const range of list.sort((a, b) => a.clock - b.clock)) {
      encoding.writeVarUint(encoder, range.clock);
      encoding.writeVarUint(encoder, range.length);
    }
  }
}

/** An update of no structs and these deletions. */
function deletionUpdate(ranges: readonly Range[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  writeDeletions(encoder, ranges);
  return encoding.toUint8Array(encoder);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

/**
 * The parts to send instead of `update` (a transaction's, with its `deleteSet`), or null when it
 * deletes no more than one part's worth or is not laid out as expected (then it goes whole, and
 * the server says what it thinks of it).
 */
export function deletionParts(update: Uint8Array, deleteSet: Y.Transaction['deleteSet']): Uint8Array[] | null {
  if (deletedClocks(deleteSet) <= DELETION_PART_CLOCKS) return null;
  const ranges: Range[] = [];
  for (const [client, items] of deleteSet.clients) for (const item of items) ranges.push({ client, clock: item.clock, length: item.len });

  const tail = encoding.createEncoder();
  writeDeletions(tail, ranges);
  const deletions = encoding.toUint8Array(tail);
  const structsEnd = update.length - deletions.length;
  if (structsEnd < 1 || !sameBytes(update.subarray(structsEnd), deletions)) return null;

  const parts: Uint8Array[] = [];
  // A first byte of 0 is "no clients with structs": nothing but deletions.
  if (!(structsEnd === 1 && update[0] === 0)) {
    const structs = new Uint8Array(structsEnd + 1);
    structs.set(update.subarray(0, structsEnd));
    parts.push(structs);
  }
  // Latest clocks first, cut into parts of DELETION_PART_CLOCKS clocks.
  let part: Range[] = [];
  let room = DELETION_PART_CLOCKS;
  for (const range of ranges.sort((a, b) => b.clock + b.length - (a.clock + a.length))) {
    let end = range.clock + range.length;
    while (end > range.clock) {
      const start = Math.max(range.clock, end - room);
      part.push({ client: range.client, clock: start, length: end - start });
      room -= end - start;
      end = start;
      if (room === 0) {
        parts.push(deletionUpdate(part));
        part = [];
        room = DELETION_PART_CLOCKS;
      }
    }
  }
  if (part.length > 0) parts.push(deletionUpdate(part));
  return parts;
}
