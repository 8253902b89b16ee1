/**
 * The editor of one board: the current tool, the selection, the gesture in progress and undo.
 * Plain TypeScript over a Y.Doc, so that it runs (and is tested) without a browser; the React
 * components feed it pointer samples in board coordinates and paint what it exposes.
 */
import * as Y from 'yjs';
import { addShape, deleteShapes, getShapesMap, LOCAL_ORIGIN, moveShapes, newShapeId } from '../board/doc';
import type { Shape } from '../board/schema';
import { DEFAULT_VIEWPORT, type Viewport } from '../geometry/viewport';
import type { Overlay } from '../render/scene';
import {
  type EditorCommand,
  type Gesture,
  type GestureContext,
  type GesturePreview,
  gesturePreview,
  IDLE,
  type PointerSample,
  pointerDown,
  pointerMove,
  pointerUp,
  type Step,
} from './gesture';
import { ShapeIndex } from './shape-index';
import { DEFAULT_TOOL, type ToolId } from './tools';

/** What the toolbar and panels show; a new object whenever something in it changes. */
export interface EditorState {
  tool: ToolId;
  selection: readonly string[];
  canUndo: boolean;
  canRedo: boolean;
}

/** Who moved the viewport: the user (pan, zoom) or follow mode. */
export type ViewportSource = 'user' | 'follow';

/** Which canvas layers need a redraw. */
export interface SceneChange {
  shapes: boolean;
  overlay: boolean;
}

const NO_IDS: ReadonlySet<string> = new Set();
const PREVIEW_ID = 'preview';

export class Editor {
  readonly doc: Y.Doc;
  readonly userId: string;
  private view: Viewport = DEFAULT_VIEWPORT;
  private readonly index: ShapeIndex;
  private readonly undoManager: Y.UndoManager;
  private gesture: Gesture = IDLE;
  private hidden: ReadonlySet<string> = NO_IDS;
  /** Shapes other people are changing live (their previews paint them instead). */
  private remoteHidden: ReadonlySet<string> = NO_IDS;
  private allHidden: ReadonlySet<string> = NO_IDS;
  private readonly viewportListeners = new Set<(viewport: Viewport, source: ViewportSource) => void>();
  private state: EditorState = { tool: DEFAULT_TOOL, selection: [], canUndo: false, canRedo: false };
  private readonly stateListeners = new Set<() => void>();
  private readonly sceneListeners = new Set<(change: SceneChange) => void>();

  constructor(options: { doc: Y.Doc; userId: string }) {
    this.doc = options.doc;
    this.userId = options.userId;
    this.index = new ShapeIndex(this.doc);
    this.index.subscribe(this.onShapesChange);
    // Only this user's edits are tracked, so undo never reverts someone else's work. Each gesture
    // is one transaction, so no capture window is needed to group it.
    this.undoManager = new Y.UndoManager(getShapesMap(this.doc), {
      trackedOrigins: new Set([LOCAL_ORIGIN]),
      captureTimeout: 0,
    });
    for (const event of ['stack-item-added', 'stack-item-popped', 'stack-cleared'] as const) {
      this.undoManager.on(event, this.onUndoStackChange);
    }
  }

  get shapes(): readonly Shape[] {
    return this.index.shapes;
  }

  /**
   * Shapes the static layer leaves out: those being dragged here (the overlay paints them moved)
   * and those others are changing live (the presence layer paints their previews).
   */
  get hiddenIds(): ReadonlySet<string> {
    return this.allHidden;
  }

  /** Which part of the board the canvas shows. */
  get viewport(): Viewport {
    return this.view;
  }

  /**
   * Shows another part of the board. `source` says who moved it: the user (a pan or zoom), or
   * follow mode tracking someone else's view; follow mode ends on a move by the user.
   */
  setViewport(viewport: Viewport, source: ViewportSource = 'user'): void {
    const { x, y, zoom } = viewport;
    if (!Number.isFinite(x) || !Number.isFinite(y) || !(zoom > 0) || !Number.isFinite(zoom)) return;
    if (x === this.view.x && y === this.view.y && zoom === this.view.zoom) return;
    this.view = { x, y, zoom };
    for (const listener of this.viewportListeners) listener(this.view, source);
    this.emitScene({ shapes: true, overlay: true });
  }

  onViewportChange(listener: (viewport: Viewport, source: ViewportSource) => void): () => void {
    this.viewportListeners.add(listener);
    return () => this.viewportListeners.delete(listener);
  }

  /** The gesture in progress as others should see it (published live through awareness). */
  livePreview(): GesturePreview {
    return gesturePreview(this.gesture, this.userId);
  }

  /** A shape by id, if it exists and is valid. */
  shapeById(id: string): Shape | undefined {
    return this.index.get(id);
  }

  /** Sets the shapes others are changing live; the static layer leaves them out. */
  setRemoteHidden(ids: ReadonlySet<string>): void {
    const same = ids.size === this.remoteHidden.size && [...ids].every((id) => this.remoteHidden.has(id));
    if (same) return;
    this.remoteHidden = ids.size > 0 ? new Set(ids) : NO_IDS;
    this.updateHidden();
    this.emitScene({ shapes: true, overlay: false });
  }

  getState = (): EditorState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  };

  onSceneChange(listener: (change: SceneChange) => void): () => void {
    this.sceneListeners.add(listener);
    return () => this.sceneListeners.delete(listener);
  }

  /** What the overlay layer paints now. */
  overlay(): Overlay {
    const preview = gesturePreview(this.gesture, this.userId);
    const pick = (ids: Iterable<string>) => [...ids].flatMap((id) => this.index.get(id) ?? []);
    return {
      selected: pick(this.state.selection),
      moving: preview.move ? pick(preview.move.ids) : [],
      offset: preview.move ? { dx: preview.move.dx, dy: preview.move.dy } : { dx: 0, dy: 0 },
      preview: preview.shape ? { ...preview.shape, id: PREVIEW_ID, z: PREVIEW_ID } : null,
    };
  }

  setTool(tool: ToolId): void {
    this.cancelGesture();
    if (tool !== this.state.tool) this.setState({ tool });
  }

  select(ids: readonly string[]): void {
    const current = this.state.selection;
    if (ids.length === current.length && ids.every((id, i) => id === current[i])) return;
    this.setState({ selection: ids });
    this.emitScene({ shapes: false, overlay: true });
  }

  pointerDown(sample: PointerSample): void {
    this.cancelGesture();
    this.run(pointerDown(this.context(), sample));
  }

  pointerMove(sample: PointerSample): void {
    if (this.gesture.kind !== 'idle') this.run(pointerMove(this.gesture, this.context(), sample));
  }

  pointerUp(sample: PointerSample): void {
    if (this.gesture.kind === 'idle') return;
    this.run(pointerUp(this.gesture, this.context(), sample));
    this.undoManager.stopCapturing();
  }

  /** Drops the gesture in progress without changing the document. */
  cancelGesture(): void {
    if (this.gesture.kind !== 'idle') this.run({ gesture: IDLE, commands: [] });
  }

  deleteSelection(): void {
    if (this.state.selection.length === 0) return;
    this.cancelGesture();
    deleteShapes(this.doc, this.state.selection);
    this.undoManager.stopCapturing();
  }

  undo(): void {
    this.cancelGesture();
    this.undoManager.undo();
  }

  redo(): void {
    this.cancelGesture();
    this.undoManager.redo();
  }

  destroy(): void {
    this.undoManager.destroy();
    this.index.destroy();
    this.stateListeners.clear();
    this.sceneListeners.clear();
    this.viewportListeners.clear();
  }

  private context(): GestureContext {
    const { tool, selection } = this.state;
    return { tool, selection, shapes: this.index.shapes, userId: this.userId, zoom: this.viewport.zoom };
  }

  private run(step: Step): void {
    this.gesture = step.gesture;
    for (const command of step.commands) this.apply(command);
    const move = gesturePreview(this.gesture, this.userId).move;
    const hidden = move ? new Set(move.ids) : NO_IDS;
    const hiddenChanged = hidden.size !== this.hidden.size || [...hidden].some((id) => !this.hidden.has(id));
    if (hiddenChanged) {
      this.hidden = hidden;
      this.updateHidden();
    }
    this.emitScene({ shapes: hiddenChanged, overlay: true });
  }

  private apply(command: EditorCommand): void {
    switch (command.type) {
      case 'add':
        addShape(this.doc, { ...command.shape, id: newShapeId() });
        break;
      case 'move':
        moveShapes(this.doc, command.ids, command.dx, command.dy);
        break;
      case 'select':
        this.select(command.ids);
        break;
    }
  }

  private updateHidden(): void {
    if (this.remoteHidden.size === 0) this.allHidden = this.hidden;
    else if (this.hidden.size === 0) this.allHidden = this.remoteHidden;
    else this.allHidden = new Set([...this.hidden, ...this.remoteHidden]);
  }

  private setState(patch: Partial<EditorState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.stateListeners) listener();
  }

  private emitScene(change: SceneChange): void {
    for (const listener of this.sceneListeners) listener(change);
  }

  private readonly onShapesChange = (): void => {
    // Someone (or an undo) removed selected shapes: they leave the selection.
    const kept = this.state.selection.filter((id) => this.index.has(id));
    if (kept.length !== this.state.selection.length) this.setState({ selection: kept });
    this.emitScene({ shapes: true, overlay: true });
  };

  private readonly onUndoStackChange = (): void => {
    const canUndo = this.undoManager.canUndo();
    const canRedo = this.undoManager.canRedo();
    if (canUndo !== this.state.canUndo || canRedo !== this.state.canRedo) this.setState({ canUndo, canRedo });
  };
}
