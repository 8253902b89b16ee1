/**
 * The document side of the editor: the one write path into the board (`change`), the shape
 * index, the selection, the style of the next shape, per-person undo and the read-only switch.
 * The commands on the selection as a whole are in selection-commands.ts; the Editor (editor.ts)
 * adds the pointer, text and live marks.
 */
import * as Y from 'yjs';
import { addShapes, deleteShapes, getShapesMap, LOCAL_ORIGIN, type NewShape, setTitle, type ShapePatch, updateShapes } from '../board/doc';
import type { Shape } from '../board/schema';
import type { TextDelta } from '../board/text';
import type { Point } from '../geometry/types';
import { screenToBoard, type Viewport } from '../geometry/viewport';
import { NoticeStore } from '../notices/notice-store';
import { Camera, type ViewportListener, type ViewportSource } from './camera';
import { unbindDeleted, withFollowingConnectors } from './bindings';
import { isLocked } from './lock';
import { ShapeIndex } from './shape-index';
import { giveShapeYText, observeOthersTyping, typeIntoShape } from './shape-typing';
import { DEFAULT_STYLE, type ShapeStyle } from './style';
import type { TextEditing } from './text-editing';
import { DEFAULT_TOOL, type ToolId, toolWrites } from './tools';

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
   * Types into an existing shape's text (shape-typing.ts). Between `beginTyping` and `endTyping`
   * every keystroke (and the resize when typing ends) joins one undo step: Undo takes back this
   * person's typing, never the others'.
   */
  protected typeInto(id: string, before: string, after: string): void {
    if (!this.state.readOnly) typeIntoShape(this.doc, id, before, after);
  }

  /** Starts one undo step of typing in shape `id`. */
  protected beginTyping(id: string): void {
    this.undoManager.stopCapturing();
    this.undoManager.captureTimeout = Number.MAX_SAFE_INTEGER;
    if (!this.state.readOnly) giveShapeYText(this.doc, id);
  }

  protected endTyping(): void {
    this.undoManager.captureTimeout = 0;
    this.undoManager.stopCapturing();
  }

  /** Calls `listener` whenever someone else, or an undo, changes the text of shape `id`; returns the unsubscribe. */
  onOthersTyping(id: string, listener: (text: string, delta: TextDelta) => void): () => void {
    return observeOthersTyping(this.doc, id, listener);
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
