/**
 * A parsed, paint-ordered and spatially indexed view of a board's shapes that follows the Y.Doc
 * incrementally: a change re-reads only the shapes it touched, so an unchanged shape keeps the
 * same object (and the renderer's caches keyed on it stay valid). An R-tree (rbush) of the shapes'
 * painted bounds answers "what is in this box" for culling, hit testing and the marquee.
 */
import RBush from 'rbush';
import * as Y from 'yjs';
import { compareZ, getShapesMap, type ShapeMap } from '../board/doc';
import { readShape } from '../board/read-shape';
import { isLabelled, type Shape } from '../board/schema';
import { unionBoxes } from '../geometry/box';
import { arrowLabelBounds } from '../render/label-layout';
import { shapeVisualBounds } from '../geometry/shape-bounds';
import type { Box } from '../geometry/types';
import type { IndexedShape } from '../render/scene';

export type { IndexedShape } from '../render/scene';


/** Above this many added, removed or reordered shapes in one change, re-sort instead of splicing. */
const SPLICE_LIMIT = 64;

function entryFor(shape: Shape): IndexedShape {
  const label = isLabelled(shape) ? arrowLabelBounds(shape) : null;
  const box = label ? unionBoxes([shapeVisualBounds(shape), label]) : shapeVisualBounds(shape);
  return { minX: box.x, minY: box.y, maxX: box.x + box.w, maxY: box.y + box.h, shape, rank: 0 };
}

function sameBounds(a: IndexedShape, b: IndexedShape): boolean {
  return a.minX === b.minX && a.minY === b.minY && a.maxX === b.maxX && a.maxY === b.maxY;
}

/** The index of the first entry that paints after `shape`. */
function insertionIndex(ordered: readonly IndexedShape[], shape: Shape): number {
  let low = 0;
  let high = ordered.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareZ(ordered[middle]!.shape, shape) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

export class ShapeIndex {
  private readonly map: Y.Map<ShapeMap>;
  private readonly byId = new Map<string, IndexedShape>();
  private readonly tree = new RBush<IndexedShape>();
  private ordered: IndexedShape[] = [];
  private shapeList: Shape[] | null = null;
  /** Invalid shapes already reported, so that a broken shape warns once, not on every change. */
  private readonly reported = new Set<string>();
  private readonly listeners = new Set<() => void>();

  constructor(doc: Y.Doc) {
    this.map = getShapesMap(doc);
    for (const id of this.map.keys()) {
      const shape = this.read(id);
      if (shape) this.byId.set(id, entryFor(shape));
    }
    this.ordered = [...this.byId.values()].sort((a, b) => compareZ(a.shape, b.shape));
    this.rerank(0);
    this.tree.load(this.ordered);
    this.map.observeDeep(this.onChange);
  }

  /** Valid shapes in paint order (ascending z); the same array until something changes. */
  get shapes(): readonly Shape[] {
    this.shapeList ??= this.ordered.map((entry) => entry.shape);
    return this.shapeList;
  }

  get size(): number {
    return this.ordered.length;
  }

  get(id: string): Shape | undefined {
    return this.byId.get(id)?.shape;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** Position in paint order, or -1. */
  rankOf(id: string): number {
    return this.byId.get(id)?.rank ?? -1;
  }

  /** Entries whose painted bounds meet the box, in paint order. */
  searchEntries(box: Box): IndexedShape[] {
    const found = this.tree.search({ minX: box.x, minY: box.y, maxX: box.x + box.w, maxY: box.y + box.h });
    return found.sort((a, b) => a.rank - b.rank);
  }

  /** Shapes whose painted bounds meet the box, in paint order. */
  search(box: Box): Shape[] {
    return this.searchEntries(box).map((entry) => entry.shape);
  }

  /** The box around everything painted on the board, or null for an empty board. */
  contentBounds(): Box | null {
    if (this.ordered.length === 0) return null;
    const root = this.tree.toJSON() as { minX: number; minY: number; maxX: number; maxY: number };
    return { x: root.minX, y: root.minY, w: root.maxX - root.minX, h: root.maxY - root.minY };
  }

  /** Called after each transaction that changed shapes. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  destroy(): void {
    this.map.unobserveDeep(this.onChange);
    this.listeners.clear();
  }

  private read(id: string): Shape | null {
    const map = this.map.get(id);
    const shape = map instanceof Y.Map ? readShape(id, map) : null;
    if (shape || !map) {
      this.reported.delete(id);
      return shape;
    }
    // A shape that does not match the schema is left out, never drawn: one bad peer or paste
    // must not break the board for everyone.
    if (!this.reported.has(id)) {
      this.reported.add(id);
      console.warn(`Tabula: skipped shape ${id}: it does not match the shape schema`);
    }
    return null;
  }

  private rerank(from: number): void {
    for (let i = from; i < this.ordered.length; i++) this.ordered[i]!.rank = i;
  }

  private readonly onChange = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>): void => {
    const touched = new Set<string>();
    for (const event of events) {
      if (event.target === this.map && event instanceof Y.YMapEvent) for (const key of event.keysChanged) touched.add(key);
      else if (typeof event.path[0] === 'string') touched.add(event.path[0]);
    }
    const removed = new Set<IndexedShape>();
    const added: IndexedShape[] = [];
    for (const id of touched) {
      const before = this.byId.get(id);
      const shape = this.read(id);
      if (before && shape && before.shape.z === shape.z) {
        // Same place in paint order: update the entry in place.
        const after = entryFor(shape);
        if (!sameBounds(before, after)) {
          this.tree.remove(before);
          Object.assign(before, after, { rank: before.rank });
          this.tree.insert(before);
        } else {
          before.shape = shape;
        }
        continue;
      }
      if (before) {
        this.tree.remove(before);
        this.byId.delete(id);
        removed.add(before);
      }
      if (shape) {
        const entry = entryFor(shape);
        this.byId.set(id, entry);
        added.push(entry);
      }
    }
    // Many new shapes (a first sync, a paste) go into the tree in bulk, which is many times faster.
    if (added.length > SPLICE_LIMIT) this.tree.load(added);
    else for (const entry of added) this.tree.insert(entry);
    if (removed.size > 0 || added.length > 0) this.reorder(removed, added);
    this.shapeList = null;
    for (const listener of this.listeners) listener();
  };

  private reorder(removed: ReadonlySet<IndexedShape>, added: readonly IndexedShape[]): void {
    const kept = removed.size > 0 ? this.ordered.filter((entry) => !removed.has(entry)) : this.ordered;
    if (added.length > SPLICE_LIMIT) {
      this.ordered = kept.concat(added).sort((a, b) => compareZ(a.shape, b.shape));
      this.rerank(0);
      return;
    }
    let first = kept.length;
    for (const entry of removed) first = Math.min(first, entry.rank);
    for (const entry of added) {
      const at = insertionIndex(kept, entry.shape);
      kept.splice(at, 0, entry);
      first = Math.min(first, at);
    }
    this.ordered = kept;
    this.rerank(first);
  }
}
