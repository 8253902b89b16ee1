/**
 * A deletion of many items (select all and delete on a large board, undoing a large import, the
 * same made offline and sent on reconnecting) goes to the server in parts of at most
 * DELETION_PART_CLOCKS clocks, latest clocks first, after the structs of the same update. Yjs
 * merges the runs of collected items that a deletion leaves by splicing the client's array of
 * structs once per run, so one update deleting tens of thousands of shapes takes the server
 * seconds to merge (its check refuses it); in parts, each is short, and latest first the splices
 * move only what earlier parts have already merged.
 *
 * Only the update's deletion set is cut: it is the end of a version 1 update, written from a
 * deletion set that Yjs has sorted and merged, so the structs are the bytes before it.
 */
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { DELETION_PART_CLOCKS } from '../protocol/limits';

/** Deletions as Yjs keeps them: per client, ranges of clocks. */
export type Deletions = Y.Transaction['deleteSet'];

interface Range {
  client: number;
  clock: number;
  length: number;
}

/** Clocks deleted. */
export function deletedClocks(deletions: Deletions): number {
  let clocks = 0;
  for (const items of deletions.clients.values()) for (const item of items) clocks += item.len;
  return clocks;
}

function rangesOf(deletions: Deletions): Range[] {
  const ranges: Range[] = [];
  for (const [client, items] of deletions.clients) for (const item of items) ranges.push({ client, clock: item.clock, length: item.len });
  return ranges;
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
 * `update` without its deletions (`written`, the deletion set it ends with): its structs followed
 * by an empty deletion set (`structs`, null when it has none), or null when the update is not laid
 * out as expected.
 */
export function withoutDeletions(update: Uint8Array, written: Deletions): { structs: Uint8Array | null } | null {
  const tail = encoding.createEncoder();
  writeDeletions(tail, rangesOf(written));
  const deletions = encoding.toUint8Array(tail);
  const structsEnd = update.length - deletions.length;
  if (structsEnd < 1 || !sameBytes(update.subarray(structsEnd), deletions)) return null;
  // A first byte of 0 is "no clients with structs".
  if (structsEnd === 1 && update[0] === 0) return { structs: null };
  const structs = new Uint8Array(structsEnd + 1);
  structs.set(update.subarray(0, structsEnd));
  return { structs };
}

/** Deletions as updates of at most DELETION_PART_CLOCKS clocks each, latest clocks first. */
export function deletionUpdates(deletions: Deletions): Uint8Array[] {
  const parts: Uint8Array[] = [];
  let part: Range[] = [];
  let room = DELETION_PART_CLOCKS;
  for (const range of rangesOf(deletions).sort((a, b) => b.clock + b.length - (a.clock + a.length))) {
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

/** Sorted by clock, overlapping and adjacent ranges joined. */
function joined(items: readonly { clock: number; len: number }[]): { clock: number; end: number }[] {
  const out: { clock: number; end: number }[] = [];
  for (const item of [...items].sort((a, b) => a.clock - b.clock)) {
    const last = out.at(-1);
    if (last && item.clock <= last.end) last.end = Math.max(last.end, item.clock + item.len);
    else out.push({ clock: item.clock, end: item.clock + item.len });
  }
  return out;
}

/** The deletions of `ours` that `theirs` lacks (as a deletion set of the same shape). */
export function missingDeletions(ours: Deletions, theirs: Deletions): Deletions {
  const lacking = Y.createDeleteSet();
  for (const [client, items] of ours.clients) {
    const known = joined(theirs.clients.get(client) ?? []);
    const missing: { clock: number; len: number }[] = [];
    let k = 0;
    for (const range of joined(items)) {
      let clock = range.clock;
      while (k < known.length && known[k]!.end <= clock) k++;
      for (let j = k; j < known.length && known[j]!.clock < range.end && clock < range.end; j++) {
        if (known[j]!.clock > clock) missing.push({ clock, len: known[j]!.clock - clock });
        clock = Math.max(clock, known[j]!.end);
      }
      if (clock < range.end) missing.push({ clock, len: range.end - clock });
    }
    if (missing.length > 0) lacking.clients.set(client, missing);
  }
  return lacking;
}
