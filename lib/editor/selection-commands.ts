/**
 * The commands that change the selection as a whole: delete, duplicate, nudge, align, distribute,
 * group, lock, reorder, restyle, copy and cut. Each is one undo step through the core's write path
 * (editor-core.ts); the Editor (editor.ts) builds on them.
 */
import { newShapeId, type ShapePatch } from '../board/doc';
import { type AlignOp, alignPatches, type DistributeAxis, distributePatches } from './align';
import { offsetCopies, serializeShapes } from './clipboard';
import { EditorCore } from './editor-core';
import { groupPatches, ungroupPatches } from './groups';
import { lockTogglePatches, unlocked } from './lock';
import { type ShapeStyle, stylePatch, styleOf } from './style';
import { type ReorderOp, reorderPatches } from './z-order';

/** Duplicates land this far (board units) below and right of the originals. */
export const DUPLICATE_OFFSET = 16;

export abstract class SelectionCommands extends EditorCore {
  /** Deletes the selected shapes but the locked ones. */
  deleteSelection(): void {
    const ids = unlocked(this.selectedShapes()).map((shape) => shape.id);
    if (ids.length === 0) return;
    this.settle();
    this.deleteShapes(ids);
  }

  duplicateSelection(): void {
    const shapes = this.selectedShapes();
    if (shapes.length === 0) return;
    this.addShapes(offsetCopies(shapes, DUPLICATE_OFFSET, DUPLICATE_OFFSET, newShapeId));
  }

  /** Moves the selection by (dx, dy) board units (the arrow keys). */
  nudge(dx: number, dy: number): void {
    const shapes = unlocked(this.selectedShapes());
    if (shapes.length === 0) return;
    this.update(new Map(shapes.map((shape) => [shape.id, { x: shape.x + dx, y: shape.y + dy }])));
  }

  /** Lines the selection up (two or more shapes; one undo step, bound connectors follow). */
  align(op: AlignOp): void {
    this.update(alignPatches(unlocked(this.selectedShapes()), op));
  }

  /** Spaces the selection evenly (three or more shapes; one undo step, bound connectors follow). */
  distribute(axis: DistributeAxis): void {
    this.update(distributePatches(unlocked(this.selectedShapes()), axis));
  }

  /** Makes one group of the selected unlocked shapes (two or more; one undo step). */
  group(): void {
    this.update(groupPatches(unlocked(this.selectedShapes()), newShapeId()));
  }

  /** Takes the selected unlocked shapes out of their groups (one undo step); they stay selected. */
  ungroup(): void {
    this.update(ungroupPatches(unlocked(this.selectedShapes())));
  }

  /** Locks the selection, or unlocks it when all of it is locked (one undo step); it stays selected. */
  toggleLock(): void {
    this.update(lockTogglePatches(this.selectedShapes()));
  }

  reorder(op: ReorderOp): void {
    if (this.state.selection.length === 0) return;
    this.update(reorderPatches(this.index.shapes, new Set(this.state.selection), op));
  }

  /** The selection as clipboard text (Tabula JSON), or null when nothing is selected. */
  copySelection(): string | null {
    const shapes = this.selectedShapes();
    return shapes.length > 0 ? serializeShapes(shapes) : null;
  }

  cutSelection(): string | null {
    const text = this.copySelection();
    if (text) this.deleteSelection();
    return text;
  }

  /** Sets the style of the next shape and applies it to the selection (one undo step). */
  setStyle(change: Partial<ShapeStyle>): void {
    this.setState({ style: { ...this.state.style, ...change } });
    const patches = new Map<string, ShapePatch>();
    for (const shape of this.selectedShapes()) patches.set(shape.id, stylePatch(shape, change));
    this.update(patches);
  }

  /** The style the panel shows: the first selected shape's, else the next shape's. */
  panelStyle(): ShapeStyle {
    const first = this.selectedShapes()[0];
    return first ? styleOf(first, this.state.style) : this.state.style;
  }
}
