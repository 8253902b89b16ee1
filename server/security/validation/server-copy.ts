/**
 * The server's document as the validator sees it: its state per client, its structs by id, and
 * where each of its items sits in the board model (memoised per container).
 *
 * A struct whose clock the server already has is not applied by Yjs: the server's copy stays.
 * `checkResent` holds such a struct to that copy (same neighbours, same parent and key, same
 * content), so that the validator never approves one thing while Yjs keeps another.
 */
import { equalityDeep } from 'lib0/function';
import * as Y from 'yjs';
import type { BoardModel, ContainerSlot } from './board-model';
import type { Budget } from './budget';
import { InvalidUpdateError, quote } from './errors';
import { entrySlot } from './slots';
import { TYPE_REFS, type WireId, type WireItem, type WireStruct } from './wire-update';

/** A Yjs shared type (a root or a nested map), as `Doc.get` returns it. */
export type SharedType = ReturnType<Y.Doc['get']>;

/** Where an item sits: in which container (and its slot in the model), under which key. */
export interface Place {
  slot: ContainerSlot;
  /** Identifies the container: a root's name, the server's container item, or an update index. */
  containerId: string | Y.Item | number;
  key: string | null;
  /** The container as the server has it (null for one the update creates). */
  type: SharedType | null;
}

/** The exact Yjs class of each type reference (YXmlHook extends Y.Map: `instanceof` would not do). */
const TYPE_CLASSES: ReadonlyArray<abstract new (...args: never[]) => unknown> = [Y.Array, Y.Map, Y.Text, Y.XmlElement, Y.XmlFragment, Y.XmlHook, Y.XmlText];

export function typeRefOf(type: SharedType): number {
  return TYPE_CLASSES.indexOf(type.constructor as (typeof TYPE_CLASSES)[number]);
}

export function sameId(a: WireId | Y.ID | null, b: WireId | Y.ID | null): boolean {
  return a === b || (a !== null && b !== null && a.client === b.client && a.clock === b.clock);
}

export class ServerCopy {
  private readonly states = new Map<number, number>();
  private readonly containers = new Map<Y.Item, ContainerSlot>();
  private rootNames: Map<SharedType, string> | null = null;

  constructor(
    readonly doc: Y.Doc,
    private readonly model: BoardModel,
    private readonly budget: Budget,
  ) {}

  /** The next clock the server expects from this client. */
  state(client: number): number {
    let state = this.states.get(client);
    if (state === undefined) {
      const structs = this.doc.store.clients.get(client);
      const last = structs?.[structs.length - 1];
      state = last ? last.id.clock + last.length : 0;
      this.states.set(client, state);
    }
    return state;
  }

  /** The server's struct holding this clock (which the caller knows the server has). */
  struct(client: number, clock: number): Y.Item | Y.GC {
    const structs = this.doc.store.clients.get(client)!;
    return structs[Y.findIndexSS(structs, clock)] as Y.Item | Y.GC;
  }

  /** The place of one of the server's items, judged by the model like a new one would be. */
  place(item: Y.Item): Place {
    const type = item.parent as SharedType;
    const holder = type._item;
    if (holder === null) {
      const name = this.rootName(type);
      return { slot: this.rootSlot(name), containerId: name, key: item.parentSub, type };
    }
    return { slot: this.openedBy(holder), containerId: holder, key: item.parentSub, type };
  }

  /** The slot of a root of the model; refuses others. */
  rootSlot(name: string): ContainerSlot {
    const slot = this.model.roots.get(name);
    if (!slot) throw new InvalidUpdateError(`writes to ${quote(name)} are not allowed`);
    return slot;
  }

  /** The server's root type of this name, if it has one. */
  rootType(name: string): SharedType | null {
    return this.doc.share.get(name) ?? null;
  }

  /** How many of the server's structs of `client` lie in [from, to) (the server has them all). */
  structsIn(client: number, from: number, to: number): number {
    const structs = this.doc.store.clients.get(client)!;
    return Y.findIndexSS(structs, to - 1) - Y.findIndexSS(structs, from) + 1;
  }

  /**
   * The slot that a container item of the server (a shape's map) opens. Its depth is that of the
   * model, not the sender's choice: each level up must itself be a container of the model.
   */
  openedBy(holder: Y.Item): ContainerSlot {
    let slot = this.containers.get(holder);
    if (slot) return slot;
    const entry = entrySlot(this.place(holder));
    const content = holder.content;
    if (entry.kind === 'value' || entry.kind === 'characters' || !(content instanceof Y.ContentType) || typeRefOf(content.type) !== containerTypeRef(entry)) {
      throw new InvalidUpdateError(`items may not be written inside ${entry.describe}`);
    }
    slot = entry;
    this.containers.set(holder, slot);
    return slot;
  }

  private rootName(type: SharedType): string {
    if (!this.rootNames) {
      this.rootNames = new Map();
      for (const [name, root] of this.doc.share) this.rootNames.set(root, name);
    }
    const name = this.rootNames.get(type);
    if (name === undefined) throw new InvalidUpdateError('an item belongs to an unknown root');
    return name;
  }

  /**
   * Holds the part of `struct` that the server already has to the server's copy. A fully known
   * struct is skipped by Yjs, so a collected copy (GC) leaves nothing to compare; a struct that
   * continues past what the server has is appended after the server's last item, which must then
   * be an item and agree.
   */
  checkResent(struct: WireStruct): void {
    if (struct.kind !== 'item') return;
    const known = Math.min(struct.clock + struct.length, this.state(struct.client));
    const continues = struct.clock + struct.length > known;
    const structs = this.doc.store.clients.get(struct.client)!;
    let index = Y.findIndexSS(structs, struct.clock);
    for (let clock = struct.clock; clock < known; ) {
      this.budget.chargeWork(1);
      const copy = structs[index++] as Y.Item | Y.GC;
      const pieceEnd = Math.min(known, copy.id.clock + copy.length);
      if (copy instanceof Y.Item) this.agrees(struct, copy, clock, pieceEnd - clock);
      else if (continues) throw new InvalidUpdateError('the update re-sends items the server has discarded, and continues after them');
      clock = pieceEnd;
    }
  }

  private agrees(struct: WireItem, copy: Y.Item, clock: number, length: number): void {
    const disagree = (what: string) => new InvalidUpdateError(`the update re-sends an item the server has, with another ${what}`);
    if (!sameId(originAt(struct, clock), clock === copy.id.clock ? copy.origin : { client: copy.id.client, clock: clock - 1 })) throw disagree('left neighbour');
    if (!sameId(struct.rightOrigin, copy.rightOrigin)) throw disagree('right neighbour');
    if (clock === struct.clock && struct.parent !== null) {
      const type = copy.parent as SharedType;
      const sameParent = typeof struct.parent === 'string' ? type._item === null && this.rootName(type) === struct.parent : type._item !== null && sameId(struct.parent, type._item.id);
      if (!sameParent || struct.parentSub !== copy.parentSub) throw disagree('place');
    }
    const content = struct.content;
    const kept = copy.content;
    // A deleted copy has lost its content, and a sender may have lost its own: nothing to compare.
    if (kept instanceof Y.ContentDeleted || content.kind === 'deleted') return;
    const from = clock - struct.clock;
    const keptFrom = clock - copy.id.clock;
    let same: boolean;
    if (content.kind === 'any' && kept instanceof Y.ContentAny) {
      same = true;
      for (let i = 0; same && i < length; i++) {
        this.budget.step();
        same = equalityDeep(content.values[from + i], kept.arr[keptFrom + i]);
      }
    } else if (content.kind === 'string' && kept instanceof Y.ContentString) {
      same = content.text.slice(from, from + length) === kept.str.slice(keptFrom, keptFrom + length);
    } else if (content.kind === 'type' && kept instanceof Y.ContentType) {
      same = typeRefOf(kept.type) === content.typeRef;
    } else {
      same = false;
    }
    if (!same) throw disagree('content');
  }
}

/** The origin of the item at `clock` inside a struct: a struct is a run of items, each after the last. */
export function originAt(struct: WireItem, clock: number): WireId | null {
  return clock === struct.clock ? struct.origin : { client: struct.client, clock: clock - 1 };
}

/** The type reference a container slot is made of. */
export function containerTypeRef(slot: ContainerSlot): number {
  return TYPE_REFS.indexOf(slot.kind === 'map' ? 'Y.Map' : slot.kind === 'list' ? 'Y.Array' : 'Y.Text');
}
