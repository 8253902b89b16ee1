/**
 * The document side of the editor: the one write path into the board (`change`), the shape
 * index, the selection, the style of the next shape, per-person undo, the read-only switch and the
 * commands that change the selection as a whole (delete, duplicate, nudge, reorder, restyle,
 * copy). The Editor (editor.ts) adds the pointer, text and live marks.
 */
import * as Y from 'yjs';
import { addShapes, deleteShapes, getShapesMap, LOCAL_ORIGIN, type NewShape, newShapeId, setTitle, type ShapePatch, updateShapes } from '../board/doc';
import type { Shape } from '../board/schema';
import { shapeYText, spliceDelta, TEXT_KEY, type TextDelta, textSplice, textValue, writeShapeText } from '../board/text';
import type { Point } from '../geometry/types';
import { screenToBoard, type Viewport } from '../geometry/viewport';
import { NoticeStore } from '../notices/notice-store';
import { Camera, type ViewportListener, type ViewportSource } from './camera';
import { type AlignOp, alignPatches, type DistributeAxis, distributePatches } from './align';
import { unbindDeleted, withFollowingConnectors } from './bindings';
import { groupPatches, ungroupPatches } from './groups';
import { isLocked, lockTogglePatches, unlocked } from './lock';
import { offsetCopies, serializeShapes } from './clipboard';
import { ShapeIndex } from './shape-index';
import { DEFAULT_STYLE, type ShapeStyle, stylePatch, styleOf } from './style';
import type { TextEditing } from './text-editing';
import { DEFAULT_TOOL, type ToolId, toolWrites } from './tools';
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
  /** Whether the board can only be looked at: writes are refused and writing tools are not offered. */
  readOnly: boolean;
  /** Whether something is selected and all of it is locked (the style bar then offers Unlock). */
  selectionLocked: boolean;
  /** Whether a selected shape belongs to a group (the style bar then offers Ungroup). */
  selectionGrouped: boolean;
}

export interface ChangeOptions<T> {
  /** The shapes to select afterwards (with the Select tool), from what the change returned. */
  select?: (result: T) => readonly string[];
}

export interface EditorOptions {
  doc: Y.Doc;
  userId: string;
  /** Where the editor's messages go (a paste cut short); the page's one store. */
  notices?: NoticeStore;
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
  readonly notices: NoticeStore;
  private readonly undoManager: Y.UndoManager;
  protected state: EditorState = {
    tool: DEFAULT_TOOL,
    selection: [],
    canUndo: false,
    canRedo: false,
    style: DEFAULT_STYLE,
    grid: false,
    editing: null,
    readOnly: false,
    selectionLocked: false,
    selectionGrouped: false,
  };
  private readonly stateListeners = new Set<() => void>();
  private readonly sceneListeners = new Set<(change: SceneChange) => void>();

  constructor(options: EditorOptions) {
    this.doc = options.doc;
    this.userId = options.userId;
    this.notices = options.notices ?? new NoticeStore();
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

  /**
   * The one way this person changes the board: gestures, commands, pastes, imports, images and
   * restores all come here. `edit` writes to the document (with the helpers of lib/board or
   * lib/history) inside one transaction with the local origin, so that it is one update for the
   * others and one undo step here; afterwards the shapes that `options.select` names are selected.
   * While the editor is read-only nothing is written and null is returned.
   */
  change<T>(edit: (doc: Y.Doc) => T, options: ChangeOptions<T> = {}): T | null {
    if (this.state.readOnly) return null;
    const result = this.doc.transact(() => edit(this.doc), LOCAL_ORIGIN);
    this.undoManager.stopCapturing();
    const ids = options.select?.(result) ?? [];
    if (ids.length > 0) {
      if (this.state.tool !== 'select') this.setState({ tool: 'select' });
      this.select(ids);
    }
    return result;
  }

  /**
   * A change too large for one update (a large import): each part is written in a transaction of
   * its own, and `pause` runs between parts, so that the page paints, shows progress and sends the
   * parts one by one. Together they are one undo step. It stops after a part for which `stop`
   * says so, or once the editor is read-only; returns what each written part returned.
   */
  async changeInParts<T>(
    parts: ReadonlyArray<(doc: Y.Doc) => T>,
    options: { pause: (done: number) => Promise<void>; stop?: (result: T) => boolean },
  ): Promise<T[]> {
    const results: T[] = [];
    this.undoManager.stopCapturing();
    this.undoManager.captureTimeout = Number.MAX_SAFE_INTEGER;
    try {
      for (const part of parts) {
        if (this.state.readOnly) break;
        const result = this.doc.transact(() => part(this.doc), LOCAL_ORIGIN);
        results.push(result);
        if (options.stop?.(result) || results.length === parts.length) break;
        await options.pause(results.length);
      }
    } finally {
      this.undoManager.captureTimeout = 0;
      this.undoManager.stopCapturing();
    }
    return results;
  }

  /** Adds shapes on top of the board (one undo step) and selects them; returns them as added. */
  addShapes(shapes: readonly NewShape[], options: { select?: boolean } = {}): Shape[] {
    if (shapes.length === 0) return [];
    const select = options.select ?? true;
    return this.change((doc) => addShapes(doc, shapes), { select: (added) => (select ? added.map((shape) => shape.id) : []) }) ?? [];
  }

  /**
   * Makes the board only viewable (a view-only link) or editable again. Going read-only ends the
   * gesture in progress, keeps the text being typed and leaves a writing tool for Select.
   */
  setReadOnly(readOnly: boolean): void {
    if (readOnly === this.state.readOnly) return;
    if (readOnly) this.settle();
    const tool = readOnly && toolWrites(this.state.tool) ? 'select' : this.state.tool;
    this.setState({ readOnly, tool });
  }

  /**
   * Types into an existing shape's text: one splice of its Y.Text, so that what others type in it
   * meanwhile stays. Between `beginTyping` and `endTyping` every keystroke (and the resize when
   * typing ends) joins one undo step: Undo takes back this person's typing, never the others'.
   */
  protected typeInto(id: string, before: string, after: string): void {
    const shape = getShapesMap(this.doc).get(id);
    if (this.state.readOnly || !(shape instanceof Y.Map)) return;
    // The splice is what this person's text box changed, so it never removes what it did not show.
    const text = shapeYText(shape);
    const splice = textSplice(before, after);
    if (!splice) return;
    this.doc.transact(() => {
      if (!text) return writeShapeText(shape, after);
      const index = Math.min(splice.index, text.length);
      if (splice.remove > 0) text.delete(index, Math.min(splice.remove, text.length - index));
      if (splice.insert) text.insert(index, splice.insert);
    }, LOCAL_ORIGIN);
  }

  /**
   * Starts one undo step of typing in shape `id`. A shape without a Y.Text yet (a box whose label
   * is typed for the first time) gets an empty one now, so that people who begin typing in it
   * after this reached them type into the same text rather than each setting their own.
   */
  protected beginTyping(id: string): void {
    this.undoManager.stopCapturing();
    this.undoManager.captureTimeout = Number.MAX_SAFE_INTEGER;
    const shape = getShapesMap(this.doc).get(id);
    if (!this.state.readOnly && shape instanceof Y.Map && !shapeYText(shape)) {
      this.doc.transact(() => writeShapeText(shape, String(textValue(shape.get(TEXT_KEY)) ?? '')), LOCAL_ORIGIN);
    }
  }

  protected endTyping(): void {
    this.undoManager.captureTimeout = 0;
    this.undoManager.stopCapturing();
  }

  /**
   * Calls `listener` with the text and the change (a Yjs delta) whenever someone else, or an
   * undo, changes the text of shape `id`; returns the unsubscribe.
   */
  onOthersTyping(id: string, listener: (text: string, delta: TextDelta) => void): () => void {
    const shape = getShapesMap(this.doc).get(id);
    if (!(shape instanceof Y.Map)) return () => {};
    let last = String(textValue(shape.get(TEXT_KEY)) ?? '');
    // The whole shape is watched: someone may also replace its text (two people converting an old
    // board at once), which is no Y.Text event; its change is then the splice between the texts.
    const observer = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>, transaction: Y.Transaction) => {
      const now = String(textValue(shape.get(TEXT_KEY)) ?? '');
      if (now === last) return;
      const before = last;
      last = now;
      if (transaction.origin === LOCAL_ORIGIN) return;
      const edit = events.find((event) => event instanceof Y.YTextEvent) as Y.YTextEvent | undefined;
      listener(now, edit && events.length === 1 ? (edit.delta as TextDelta) : spliceDelta(before, now));
    };
    shape.observeDeep(observer);
    return () => shape.unobserveDeep(observer);
  }

  /** Renames the board for everyone (refused on a read-only board). Undo leaves the title alone. */
  setTitle(title: string): void {
    if (!this.state.readOnly) setTitle(this.doc, title);
  }

  /** The board point at the middle of the view. */
  viewCenter(): Point {
    const { width, height } = this.camera.screenSize;
    return screenToBoard(this.viewport, { x: width / 2, y: height / 2 });
  }

  select(ids: readonly string[]): void {
    const current = this.state.selection;
    if (ids.length === current.length && ids.every((id, i) => id === current[i])) return;
    this.setState({ selection: ids, ...this.selectionFacts(ids) });
    this.emitScene({ shapes: false, overlay: true });
  }

  selectedShapes(): Shape[] {
    return this.state.selection.flatMap((id) => this.index.get(id) ?? []);
  }

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

  toggleGrid(): void {
    this.setState({ grid: !this.state.grid });
  }

  /** Fits every shape in view (Shift+1). */
  zoomToFit(): void {
    this.camera.fit(this.index.contentBounds());
  }

  undo(): void {
    if (this.state.readOnly) return;
    this.settle();
    this.undoManager.undo();
  }

  redo(): void {
    if (this.state.readOnly) return;
    this.settle();
    this.undoManager.redo();
  }

  destroy(): void {
    this.undoManager.destroy();
    this.index.destroy();
    this.stateListeners.clear();
    this.sceneListeners.clear();
  }

  /** Changes shapes; connectors bound to a moved, resized or rotated shape follow it in the same step. */
  protected update(patches: ReadonlyMap<string, ShapePatch>): void {
    if (patches.size > 0) this.change((doc) => updateShapes(doc, withFollowingConnectors(this.index.shapes, patches)));
  }

  /** Deletes shapes, unbinding the connector ends bound to them. */
  protected deleteShapes(ids: readonly string[]): void {
    if (ids.length === 0) return;
    const unbind = unbindDeleted(this.index.shapes, new Set(ids));
    this.change((doc) => {
      updateShapes(doc, unbind);
      deleteShapes(doc, ids);
    });
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
    const facts = this.selectionFacts(kept);
    const changed = facts.selectionLocked !== this.state.selectionLocked || facts.selectionGrouped !== this.state.selectionGrouped;
    if (kept.length !== this.state.selection.length || changed) this.setState({ selection: kept, ...facts });
    this.emitScene({ shapes: true, overlay: true });
  }

  private selectionFacts(ids: readonly string[]): Pick<EditorState, 'selectionLocked' | 'selectionGrouped'> {
    const shapes = ids.flatMap((id) => this.index.get(id) ?? []);
    return {
      selectionLocked: shapes.length > 0 && shapes.length === ids.length && shapes.every(isLocked),
      selectionGrouped: shapes.some((shape) => Boolean(shape.groupId)),
    };
  }

  private readonly onUndoStackChange = (): void => {
    const canUndo = this.undoManager.canUndo();
    const canRedo = this.undoManager.canRedo();
    if (canUndo !== this.state.canUndo || canRedo !== this.state.canRedo) this.setState({ canUndo, canRedo });
  };
}
