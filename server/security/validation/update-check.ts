/**
 * The checks of one update against the server's document, in time linear in the update's size:
 *
 * 1. Each client's run of structs must continue from what the server has (a gap is a missing
 *    dependency); the part the server already has must agree with its copy (server-copy.ts).
 * 2. The structs are visited in dependency order (an iterative depth-first walk: the previous
 *    struct of the same client, and the items each item refers to), which is the order in which
 *    Yjs can integrate them; a cycle, or a reference to a later item of the same client, would
 *    leave Yjs stuck halfway and is refused. Each item's place is computed once, from its
 *    neighbour's or parent's place (already known by then) or from the server's copy of it.
 * 3. Each item's content must fit the slot its place opens in the board model (slots.ts); writes
 *    to one map key are capped; the work Yjs will spend merging each item is estimated and capped
 *    (merge-cost.ts).
 * 4. Deletions must only reach clocks the server has or the update brings.
 */
import * as Y from 'yjs';
import type { BoardModel, ContainerSlot } from './board-model';
import type { Budget, ValidationLimits } from './budget';
import { InvalidUpdateError, MissingDependencyError } from './errors';
import { MergeCost, type OriginKey } from './merge-cost';
import { type Place, ServerCopy } from './server-copy';
import { checkContent, entrySlot } from './slots';
import type { WireId, WireItem, WireStruct, WireUpdate } from './wire-update';

/** An item that Yjs will turn into a collected range: its left or right neighbour, or its parent, is gone. */
const GONE = 'gone';
type Placement = Place | typeof GONE;

/** What a reference resolves to: nothing, the server's copy (in `serverTargets`), or a struct of the update. */
const NO_REFERENCE = -2;
const ON_SERVER = -1;
const ORIGIN = 0;
const RIGHT_ORIGIN = 1;
const PARENT = 2;

const UNSEEN = 0;
const OPEN = 1;
const DONE = 2;

export class UpdateCheck {
  private readonly server: ServerCopy;
  private readonly merge: MergeCost;
  private readonly structs: WireStruct[];
  private readonly runs = new Map<number, { first: number; last: number }>();
  /** The clock each client is at once the update is applied. */
  private readonly statesAfter = new Map<number, number>();
  /** Per struct: its three references (ORIGIN, RIGHT_ORIGIN, PARENT), resolved. */
  private readonly references: Int32Array;
  private readonly serverTargets: Array<Y.Item | Y.GC | undefined>;
  private readonly placements: Array<Placement | undefined>;
  /** Per container item of the update: the slot of the model it opens. */
  private readonly opened: Array<ContainerSlot | undefined>;
  private readonly visits: Uint8Array;
  /** Per struct, the next dependency to look at in the walk (0: the previous struct, 1-3: references). */
  private readonly cursors: Uint8Array;

  constructor(
    doc: Y.Doc,
    private readonly update: WireUpdate,
    model: BoardModel,
    private readonly budget: Budget,
    private readonly limits: ValidationLimits,
  ) {
    this.structs = update.structs;
    const count = this.structs.length;
    this.server = new ServerCopy(doc, model, budget);
    this.merge = new MergeCost(budget, limits.maxKeyWrites, count);
    this.references = new Int32Array(count * 3).fill(NO_REFERENCE);
    this.serverTargets = new Array<Y.Item | Y.GC | undefined>(count * 3);
    this.placements = new Array<Placement | undefined>(count);
    this.opened = new Array<ContainerSlot | undefined>(count);
    this.visits = new Uint8Array(count);
    this.cursors = new Uint8Array(count);
  }

  run(): void {
    this.checkRuns();
    for (const struct of this.structs) {
      if (struct.clock < this.server.state(struct.client)) this.server.checkResent(struct);
    }
    for (let i = 0; i < this.structs.length; i++) {
      if (this.visits[i] === UNSEEN && this.structs[i]!.kind !== 'skip') this.visitFrom(i);
    }
    this.checkDeletions();
    this.merge.chargeForks();
  }

  /** Each client's run must start at or before the server's clock and have no holes it lacks. */
  private checkRuns(): void {
    for (let i = 0; i < this.structs.length; i++) {
      const struct = this.structs[i]!;
      const run = this.runs.get(struct.client);
      if (run) run.last = i;
      else this.runs.set(struct.client, { first: i, last: i });
      const reached = this.statesAfter.get(struct.client) ?? this.server.state(struct.client);
      if (struct.kind === 'skip') continue;
      if (struct.clock > reached) throw new MissingDependencyError('the update skips clocks the server has never seen');
      this.statesAfter.set(struct.client, Math.max(reached, struct.clock + struct.length));
    }
  }

  /** Whether a struct brings clocks the server does not have (a skip brings nothing). */
  private isNew(index: number): boolean {
    const struct = this.structs[index]!;
    return struct.kind !== 'skip' && struct.clock + struct.length > this.server.state(struct.client);
  }

  /**
   * Depth-first, without recursion: a struct is placed once everything it depends on is. Every
   * struct but a skip is a step of Yjs's integration, the ones the server has included.
   */
  private visitFrom(start: number): void {
    const stack = [start];
    while (stack.length > 0) {
      const index = stack[stack.length - 1]!;
      if (this.visits[index] === UNSEEN) {
        this.visits[index] = OPEN;
        this.resolveReferences(index);
      }
      const next = this.nextDependency(index);
      if (next >= 0) {
        stack.push(next);
        continue;
      }
      stack.pop();
      this.visits[index] = DONE;
      this.budget.step();
      const struct = this.structs[index]!;
      if (struct.kind === 'item' && this.isNew(index)) this.place(index, struct);
    }
  }

  private nextDependency(index: number): number {
    const struct = this.structs[index]!;
    while (this.cursors[index]! < 4) {
      const slot = this.cursors[index]!++;
      let dependency: number;
      if (slot === 0) {
        const previous = this.structs[index - 1];
        dependency = previous && previous.client === struct.client && previous.kind !== 'skip' ? index - 1 : -1;
      } else {
        dependency = this.references[index * 3 + slot - 1]!;
        // The same client's earlier structs come first anyway (slot 0).
        if (dependency >= 0 && this.structs[dependency]!.client === struct.client) dependency = -1;
      }
      if (dependency < 0 || this.visits[dependency] === DONE) continue;
      if (this.visits[dependency] === OPEN) throw new InvalidUpdateError('the items of the update depend on each other in a circle');
      return dependency;
    }
    return -1;
  }

  /**
   * Also for structs the server has: Yjs looks their references up (and creates a named root)
   * before it sees that it has them, and parks them if a reference is missing.
   */
  private resolveReferences(index: number): void {
    const struct = this.structs[index]!;
    if (struct.kind !== 'item') return;
    if (struct.origin) this.resolve(index, ORIGIN, struct.origin, struct);
    if (struct.rightOrigin) this.resolve(index, RIGHT_ORIGIN, struct.rightOrigin, struct);
    if (typeof struct.parent === 'string') this.server.rootSlot(struct.parent);
    else if (struct.parent !== null) this.resolve(index, PARENT, struct.parent, struct);
  }

  /** Resolves an id: the server's copy wherever the server has the clock, else the update's struct. */
  private resolve(index: number, which: number, id: WireId, from: WireItem): void {
    if (id.client === from.client && id.clock >= from.clock) throw new InvalidUpdateError('an item refers to itself or to a later item of its own client');
    const slot = index * 3 + which;
    if (id.clock < this.server.state(id.client)) {
      this.references[slot] = ON_SERVER;
      this.serverTargets[slot] = this.server.struct(id.client, id.clock);
      return;
    }
    const found = this.find(id);
    if (found < 0 || this.structs[found]!.kind === 'skip') throw new MissingDependencyError('the update refers to an item the server has never seen');
    this.references[slot] = found;
  }

  /** Binary search in the client's run: its structs are in clock order. */
  private find(id: WireId): number {
    const run = this.runs.get(id.client);
    if (!run) return -1;
    let low = run.first;
    let high = run.last;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const struct = this.structs[middle]!;
      if (id.clock < struct.clock) high = middle - 1;
      else if (id.clock >= struct.clock + struct.length) low = middle + 1;
      else return middle;
    }
    return -1;
  }

  private place(index: number, item: WireItem): void {
    const placement = this.locate(index, item);
    this.placements[index] = placement;
    if (placement === GONE) return;
    const newFrom = Math.max(item.clock, this.server.state(item.client));
    const entry = entrySlot(placement);
    this.opened[index] = checkContent(entry, placement.slot, item.content, newFrom - item.clock) ?? undefined;
    // A struct that continues what the server has is appended after the server's last item of it.
    const continues = newFrom > item.clock;
    const left = continues ? this.server.struct(item.client, newFrom - 1) : this.target(index, ORIGIN);
    this.merge.add(placement, entry, continues ? `${item.client}:${newFrom - 1}` : this.originKey(item, left), left, this.target(index, RIGHT_ORIGIN));
  }

  private originKey(item: WireItem, left: Y.Item | Y.GC | number | null): OriginKey {
    if (!item.origin) return '';
    if (typeof left === 'number') {
      const struct = this.structs[left]!;
      if (item.origin.clock === struct.clock + struct.length - 1) return left;
    }
    return `${item.origin.client}:${item.origin.clock}`;
  }

  /** Where Yjs will put the item (`Item.getMissing`): after its left neighbour, else before its right one, else in its parent. */
  private locate(index: number, item: WireItem): Placement {
    const left = this.target(index, ORIGIN);
    const right = this.target(index, RIGHT_ORIGIN);
    if (this.isCollected(left) || this.isCollected(right)) return GONE;
    if (item.parent === null) {
      const place = this.placeOf((left ?? right)!);
      // Yjs takes the place of the left one and links the item to it; a right one elsewhere
      // would be kept as its right origin, a pointer into another list, on every replica.
      if (left !== null && right !== null) {
        const other = this.placeOf(right);
        if (other.containerId !== place.containerId || other.key !== place.key) throw new InvalidUpdateError("an item's neighbours are in different places");
      }
      return place;
    }
    if (typeof item.parent === 'string') {
      return { slot: this.server.rootSlot(item.parent), containerId: item.parent, key: item.parentSub, type: this.server.rootType(item.parent) };
    }
    const parent = this.target(index, PARENT)!;
    if (this.isCollected(parent)) return GONE;
    if (typeof parent === 'number') {
      const content = (this.structs[parent] as WireItem).content;
      if (content.kind === 'deleted') return GONE;
      const slot = this.opened[parent];
      if (content.kind !== 'type' || !slot) throw new InvalidUpdateError('a parent is not a container');
      return { slot, containerId: parent, key: item.parentSub, type: null };
    }
    const container = parent as Y.Item;
    if (container.content instanceof Y.ContentDeleted) return GONE;
    if (!(container.content instanceof Y.ContentType)) throw new InvalidUpdateError('a parent is not a container');
    return { slot: this.server.openedBy(container), containerId: container, key: item.parentSub, type: container.content.type };
  }

  /** A reference's target: the server's struct, the index of the update's struct, or null. */
  private target(index: number, which: number): Y.Item | Y.GC | number | null {
    const reference = this.references[index * 3 + which]!;
    if (reference === NO_REFERENCE) return null;
    return reference === ON_SERVER ? this.serverTargets[index * 3 + which]! : reference;
  }

  private isCollected(target: Y.Item | Y.GC | number | null): boolean {
    if (target === null) return false;
    if (typeof target === 'number') return this.structs[target]!.kind === 'gc' || this.placements[target] === GONE;
    return target instanceof Y.GC;
  }

  private placeOf(target: Y.Item | Y.GC | number): Place {
    if (typeof target === 'number') return this.placements[target] as Place;
    return this.server.place(target as Y.Item);
  }

  /**
   * Deleted structs are cheap to reach only for ranges in clock order, each past the last (as Yjs
   * writes them): then each struct is reached, and walked here, once. A range that goes back
   * reaches structs again, and pays for each in full.
   */
  private checkDeletions(): void {
    const reachedTo = new Map<number, number>();
    for (const deletion of this.update.deletions) {
      const end = deletion.clock + deletion.length;
      const state = this.server.state(deletion.client);
      if (end > (this.statesAfter.get(deletion.client) ?? state)) throw new MissingDependencyError('the update deletes items the server has never seen');
      const inOrder = deletion.clock >= (reachedTo.get(deletion.client) ?? 0);
      reachedTo.set(deletion.client, Math.max(end, reachedTo.get(deletion.client) ?? 0));
      this.merge.addDeletion(this.server, deletion, state, inOrder ? this.limits.deletedStructWork : 1);
    }
  }
}
