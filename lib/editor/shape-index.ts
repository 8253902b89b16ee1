/**
 * A parsed, paint-ordered view of a board's shapes that follows the Y.Doc incrementally: a change
 * re-reads only the shapes it touched, so an unchanged shape keeps the same object (and the
 * renderer's caches keyed on it stay valid).
 */
import * as Y from 'yjs';
import { compareZ, getShapesMap, readShape, type ShapeMap } from '../board/doc';
import type { Shape } from '../board/schema';

export class ShapeIndex {
  private readonly map: Y.Map<ShapeMap>;
  private readonly byId = new Map<string, Shape>();
  private ordered: Shape[] | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(doc: Y.Doc) {
    this.map = getShapesMap(doc);
    for (const id of this.map.keys()) this.reread(id);
    this.map.observeDeep(this.onChange);
  }

  /** Valid shapes in paint order (ascending z); the same array until something changes. */
  get shapes(): readonly Shape[] {
    this.ordered ??= [...this.byId.values()].sort(compareZ);
    return this.ordered;
  }

  get(id: string): Shape | undefined {
    return this.byId.get(id);
  }

  has(id: string): boolean {
    return this.byId.has(id);
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

  private reread(id: string): void {
    const map = this.map.get(id);
    const shape = map instanceof Y.Map ? readShape(id, map) : null;
    // Shapes that do not match the schema are left out, never drawn.
    if (shape) this.byId.set(id, shape);
    else this.byId.delete(id);
  }

  private readonly onChange = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>): void => {
    const touched = new Set<string>();
    for (const event of events) {
      if (event.target === this.map && event instanceof Y.YMapEvent) for (const key of event.keysChanged) touched.add(key);
      else if (typeof event.path[0] === 'string') touched.add(event.path[0]);
    }
    for (const id of touched) this.reread(id);
    this.ordered = null;
    for (const listener of this.listeners) listener();
  };
}
