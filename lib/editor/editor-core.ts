/**
 * The document side of the editor: the shape index, the selection, the style of the next shape,
 * per-person undo and the commands that change the selection as a whole (delete, duplicate,
 * nudge, reorder, restyle, copy). The Editor (editor.ts) adds the pointer, text and live marks.
 */
import * as Y from 'yjs';
import { addShapes, deleteShapes, getShapesMap, LOCAL_ORIGIN, newShapeId, type ShapePatch, updateShapes } from '../board/doc';
import type { Shape } from '../board/schema';
import type { Viewport } from '../geometry/viewport';
import { Camera, type ViewportListener, type ViewportSource } from './camera';
import { offsetCopies, serializeShapes } from './clipboard';
import { ShapeIndex } from './shape-index';
import { DEFAULT_STYLE, type ShapeStyle, stylePatch, styleOf } from './style';
import type { TextEditing } from './text-editing';
import { DEFAULT_TOOL, type ToolId } from './tools';
import { type ReorderOp, reorderPatches } from './z-order';

/** What the toolbar and panels show; a new object whenever something in it changes. */
export interface EditorState {
  tool: ToolId;
  selection: readonly string[];
  canUndo: boolean;
  canRedo: boolean;
  /** The style of the next shape. */
  style: ShapeStyle;
  grid: boolean;
  /** The text being typed, if any. */
  editing: TextEditing | null;
  /** A message for the person (a paste that was cut short), until dismissed. */
  notice: string | null;
}

/** Which canvas layers need a redraw. */
export interface SceneChange {
  shapes: boolean;
  overlay: boolean;
}

/** Duplicates land this far (board units) below and right of the originals. */
export const DUPLICATE_OFFSET = 16;

export abstract class EditorCore {
  readonly doc: Y.Doc;
  readonly userId: string;
  readonly camera = new Camera();
  readonly index: ShapeIndex;
  private readonly undoManager: Y.UndoManager;
  protected state: EditorState = {
    tool: DEFAULT_TOOL,
    selection: [],
    canUndo: false,
    canRedo: false,
    style: DEFAULT_STYLE,
    grid: false,
    editing: null,
    notice: null,
  };
  private readonly stateListeners = new Set<() => void>();
  private readonly sceneListeners = new Set<(change: SceneChange) => void>();

  constructor(options: { doc: Y.Doc; userId: string }) {
    this.doc = options.doc;
    this.userId = options.userId;
    this.index = new ShapeIndex(this.doc);
    this.index.subscribe(() => this.onShapesChange());
    this.camera.subscribe(() => this.emitScene({ shapes: true, overlay: true }));
    // Only this user's edits are tracked, so undo never reverts someone else's work. Each gesture
    // is one transaction, so no capture window is needed to group it.
    this.undoManager = new Y.UndoManager(getShapesMap(this.doc), { trackedOrigins: new Set([LOCAL_ORIGIN]), captureTimeout: 0 });
    for (const event of ['stack-item-added', 'stack-item-popped', 'stack-cleared'] as const) {
      this.undoManager.on(event, this.onUndoStackChange);
    }
  }

  /** Ends whatever is in progress (a gesture, typing) before a command changes the document. */
  protected abstract settle(): void;

  get shapes(): readonly Shape[] {
    return this.index.shapes;
  }

  get viewport(): Viewport {
    return this.camera.viewport;
  }

  /**
   * Shows another part of the board. `source` says who moved it: the person (a pan or zoom), or
   * follow mode tracking someone else's view (which ends on a move by the person).
   */
  setViewport(viewport: Viewport, source: ViewportSource = 'user'): void {
    this.camera.setViewport(viewport, source);
  }

  onViewportChange(listener: ViewportListener): () => void {
    return this.camera.subscribe(listener);
  }

  /** For React's useSyncExternalStore. */
  subscribeViewport = (listener: () => void): (() => void) => this.camera.subscribe(listener);

  getState = (): EditorState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  };

  onSceneChange(listener: (change: SceneChange) => void): () => void {
    this.sceneListeners.add(listener);
    return () => this.sceneListeners.delete(listener);
  }

  select(ids: readonly string[]): void {
    const current = this.state.selection;
    if (ids.length === current.length && ids.every((id, i) => id === current[i])) return;
    this.setState({ selection: ids });
    this.emitScene({ shapes: false, overlay: true });
  }

  selectedShapes(): Shape[] {
    return this.state.selection.flatMap((id) => this.index.get(id) ?? []);
  }

  deleteSelection(): void {
    if (this.state.selection.length === 0) return;
    this.settle();
    this.transact(() => deleteShapes(this.doc, this.state.selection));
  }

  duplicateSelection(): void {
    const shapes = this.selectedShapes();
    if (shapes.length === 0) return;
    this.addAndSelect(offsetCopies(shapes, DUPLICATE_OFFSET, DUPLICATE_OFFSET, newShapeId));
  }

  /** Moves the selection by (dx, dy) board units (the arrow keys). */
  nudge(dx: number, dy: number): void {
    const shapes = this.selectedShapes();
    if (shapes.length === 0) return;
    this.update(new Map(shapes.map((shape) => [shape.id, { x: shape.x + dx, y: shape.y + dy }])));
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

  toggleGrid(): void {
    this.setState({ grid: !this.state.grid });
  }

  /** Fits every shape in view (Shift+1). */
  zoomToFit(): void {
    this.camera.fit(this.index.contentBounds());
  }

  dismissNotice(): void {
    if (this.state.notice) this.setState({ notice: null });
  }

  undo(): void {
    this.settle();
    this.undoManager.undo();
  }

  redo(): void {
    this.settle();
    this.undoManager.redo();
  }

  destroy(): void {
    this.undoManager.destroy();
    this.index.destroy();
    this.stateListeners.clear();
    this.sceneListeners.clear();
  }

  /** Adds shapes on top as one undo step; selects them unless told not to. Returns their ids. */
  protected addAndSelect(shapes: Parameters<typeof addShapes>[1], select = true): string[] {
    if (shapes.length === 0) return [];
    const added = this.transact(() => addShapes(this.doc, shapes));
    const ids = added.map((shape) => shape.id);
    if (select) {
      if (this.state.tool !== 'select') this.setState({ tool: 'select' });
      this.select(ids);
    }
    return ids;
  }

  protected update(patches: ReadonlyMap<string, ShapePatch>): void {
    if (patches.size > 0) this.transact(() => updateShapes(this.doc, patches));
  }

  /** One document change made by this person: one undo step. */
  protected transact<T>(change: () => T): T {
    const result = change();
    this.undoManager.stopCapturing();
    return result;
  }

  protected setState(patch: Partial<EditorState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.stateListeners) listener();
  }

  protected emitScene(change: SceneChange): void {
    for (const listener of this.sceneListeners) listener(change);
  }

  /** After every document change: someone (or an undo) removed selected shapes, which leave it. */
  protected onShapesChange(): void {
    const kept = this.state.selection.filter((id) => this.index.has(id));
    if (kept.length !== this.state.selection.length) this.setState({ selection: kept });
    this.emitScene({ shapes: true, overlay: true });
  }

  private readonly onUndoStackChange = (): void => {
    const canUndo = this.undoManager.canUndo();
    const canRedo = this.undoManager.canRedo();
    if (canUndo !== this.state.canUndo || canRedo !== this.state.canRedo) this.setState({ canUndo, canRedo });
  };
}
