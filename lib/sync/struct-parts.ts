/**
 * A local transaction that adds more than the server takes in one update (undoing the deletion of
 * 20,000 shapes puts them all back at once: several MB and some 200,000 structs) goes in parts:
 * runs of its structs in clock order, each part at most STRUCT_PART_STRUCTS structs and about
 * IMPORT_PART_BYTES bytes (the bytes of a part of an import). An item refers only to items that existed when
 * it was made (its neighbours and its parent), so to earlier clocks: in order, each part builds on
 * what the server already has.
 *
 * The structs are decoded and written again as Yjs itself does when it merges updates
 * (`Y.decodeUpdate`, then each struct's `write`), in version 1 updates, whose structs are written
 * without reference to one another.
 */
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { IMPORT_PART_BYTES } from '../board/update-parts';
import { STRUCT_PART_STRUCTS } from '../protocol/limits';

type Struct = ReturnType<typeof Y.decodeUpdate>['structs'][number];

/** Structs of one client at consecutive clocks. */
interface Run {
  client: number;
  clock: number;
  /** The clock after its last struct. */
  next: number;
  structs: number;
  encoder: Y.UpdateEncoderV1;
}

/** Whether `update` is large enough to go in parts. */
export function needsStructParts(update: Uint8Array, addedClocks: number): boolean {
  return update.byteLength > IMPORT_PART_BYTES || addedClocks > STRUCT_PART_STRUCTS;
}

/** An update of these runs and no deletions. */
function partUpdate(runs: readonly Run[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, runs.length);
  for (const run of runs) {
    encoding.writeVarUint(encoder, run.structs);
    encoding.writeVarUint(encoder, run.client);
    encoding.writeVarUint(encoder, run.clock);
    encoding.writeUint8Array(encoder, run.encoder.toUint8Array());
  }
  encoding.writeVarUint(encoder, 0);
  return encoding.toUint8Array(encoder);
}

/**
 * `update` (structs and no deletions) as updates of at most STRUCT_PART_STRUCTS structs each, the
 * bytes of a part passing IMPORT_PART_BYTES by at most its last struct. Null if it holds a skip
 * (a gap in a client's clocks, which only merged updates have), so cannot be cut here.
 */
export function structParts(update: Uint8Array): Uint8Array[] | null {
  const structs: Struct[] = Y.decodeUpdate(update).structs;
  const parts: Uint8Array[] = [];
  let runs: Run[] = [];
  let run: Run | null = null;
  let partStructs = 0;
  let partBytes = 0;
  const closePart = () => {
    if (runs.length > 0) parts.push(partUpdate(runs));
    runs = [];
    run = null;
    partStructs = 0;
    partBytes = 0;
  };
  for (const struct of structs) {
    if (struct instanceof Y.Skip) return null;
    const { client, clock } = struct.id;
    if (!run || run.client !== client || run.next !== clock) {
      run = { client, clock, next: clock, structs: 0, encoder: new Y.UpdateEncoderV1() };
      runs.push(run);
    }
    const before = encoding.length(run.encoder.restEncoder);
    struct.write(run.encoder, 0);
    partBytes += encoding.length(run.encoder.restEncoder) - before;
    run.next = clock + struct.length;
    run.structs++;
    partStructs++;
    if (partStructs >= STRUCT_PART_STRUCTS || partBytes >= IMPORT_PART_BYTES) closePart();
  }
  closePart();
  return parts;
}
