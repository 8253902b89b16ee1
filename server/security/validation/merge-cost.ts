/**
 * What merging the update will cost Yjs, estimated while the update is checked, and capped.
 *
 * Yjs places an item after its left neighbour (its origin), scanning the items already there up
 * to its right neighbour to settle concurrent insertions (`Item.integrate`). For an item written
 * where its sender last saw the end of a list or the current value of a key, that scan is empty;
 * for one whose origin lies far back, it passes every item written since; for one without an
 * origin under a key, it walks the key's whole history twice. So: each item costs one unit, plus
 * the server's items between its neighbours (walked here, unit by unit, within the same budget),
 * plus, where several items of the update share one origin (concurrent siblings: each one scans
 * past the others and what hangs off them), the update's items of that list or key.
 *
 * A deletion costs one unit per struct of the server it reaches; a sync step 2 pays less for the
 * structs deleted already (`deletedStructWork`, see addDeletion).
 *
 * An honest update costs about one unit per item. Writes under one map key are also capped: a
 * gesture writes each property once, and every overwrite stays in the board's history for good.
 */
import * as Y from 'yjs';
import type { Budget } from './budget';
import { InvalidUpdateError } from './errors';
import type { Place, ServerCopy } from './server-copy';
import type { EntrySlot } from './slots';
import type { WireDeletion } from './wire-update';

interface Sequence {
  items: number;
  /** Items whose origin an earlier item of the update shares. */
  forked: number;
  /** Origins seen that are not the last clock of an update's struct (those are counted by index). */
  origins: Set<string>;
}

/**
 * An item's origin, for telling siblings apart: the index of the update's struct whose last clock
 * it is (the usual case: a chain), else its id as text, or '' for none.
 */
export type OriginKey = number | string;

export class MergeCost {
  private readonly sequences = new Map<Place['containerId'], Map<string | null, Sequence>>();

  /** Per struct of the update: how many items have its last clock for origin. */
  private readonly children: Uint8Array;

  constructor(
    private readonly budget: Budget,
    private readonly maxKeyWrites: number,
    structs: number,
  ) {
    this.children = new Uint8Array(structs);
  }

  /** An item placed in `place` between `left` and `right` (server items, update items or nothing). */
  add(place: Place, entry: EntrySlot, origin: OriginKey, left: Y.Item | Y.GC | number | null, right: Y.Item | Y.GC | number | null): void {
    const sequence = this.sequence(place);
    sequence.items++;
    if (place.slot.kind === 'map' && sequence.items > this.maxKeyWrites) {
      throw new InvalidUpdateError(`the update writes ${entry.describe} more than ${this.maxKeyWrites} times`);
    }
    if (typeof origin === 'number') {
      if (this.children[origin]! > 0) sequence.forked++;
      else this.children[origin] = 1;
    } else if (sequence.origins.has(origin)) {
      sequence.forked++;
    } else {
      sequence.origins.add(origin);
    }
    this.budget.chargeWork(1);
    const end = right instanceof Y.Item ? right : null;
    if (left instanceof Y.Item) {
      this.walk(left.right, end);
    } else if (left === null && place.type) {
      if (place.key === null) {
        this.walk(place.type._start, end);
      } else {
        // To the start of the key's history, and back.
        let steps = 0;
        for (let item = place.type._map.get(place.key) ?? null; item !== null; item = item.left) {
          this.budget.chargeWork(1);
          steps++;
        }
        this.budget.chargeWork(steps);
      }
    }
  }

  /**
   * Yjs walks every struct of the server that a deletion reaches: it deletes the live ones (and
   * merges what they leave when the transaction ends, which is why one update may not reach many),
   * and only steps over those deleted already, which costs `deletedWork` of a unit each.
   */
  addDeletion(server: ServerCopy, deletion: WireDeletion, serverState: number, deletedWork: number): void {
    this.budget.chargeWork(1);
    if (deletion.clock >= serverState) return;
    const end = Math.min(deletion.clock + deletion.length, serverState);
    if (deletedWork === 1) {
      this.budget.chargeWork(server.structsIn(deletion.client, deletion.clock, end));
      return;
    }
    const structs = server.doc.store.clients.get(deletion.client)!;
    for (let i = Y.findIndexSS(structs, deletion.clock); i < structs.length && structs[i]!.id.clock < end; i++) {
      this.budget.chargeWork(structs[i]!.deleted ? deletedWork : 1);
    }
  }

  /** Concurrent siblings: each scans past the others and their descendants. */
  chargeForks(): void {
    for (const keys of this.sequences.values()) {
      for (const sequence of keys.values()) {
        if (sequence.forked > 0) this.budget.chargeWork(sequence.forked * sequence.items);
      }
    }
  }

  private walk(from: Y.Item | null, end: Y.Item | null): void {
    for (let item = from; item !== null && item !== end; item = item.right) this.budget.chargeWork(1);
  }

  private sequence(place: Place): Sequence {
    let keys = this.sequences.get(place.containerId);
    if (!keys) this.sequences.set(place.containerId, (keys = new Map()));
    let sequence = keys.get(place.key);
    if (!sequence) keys.set(place.key, (sequence = { items: 0, forked: 0, origins: new Set() }));
    return sequence;
  }
}
