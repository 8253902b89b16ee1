/**
 * The editor of one board: the current tool, the selection, the gesture in progress, the style of
 * the next shape, text editing, the viewport and undo. Plain TypeScript over a Y.Doc, so that it
 * runs (and is tested) without a browser; the React components feed it pointer samples in board
 * coordinates and paint what it exposes.
 */
import * as Y from 'yjs';
import { addShapes, deleteShapes, getShapesMap, LOCAL_ORIGIN, newShapeId, type ShapePatch, updateShapes } from '../board/doc';
import type { Shape } from '../board/schema';
import { HIT_TOLERANCE_PX, topmostShapeAt } from '../geometry/hit-test';
import type { Box, Point } from '../geometry/types';
import type { Viewport } from '../geometry/viewport';
import { ESTIMATED_MEASURER, type TextMeasurer } from '../render/text-layout';
import { Camera } from './camera';
import { offsetCopies, parseClipboard, pasteNotice, placeShapes, serializeShapes } from './clipboard';
import {
  type EditorCommand,
  type Gesture,
  type GestureContext,
  gesturePreview,
  IDLE,
  type PointerSample,
  pointerDown,
  pointerMove,
  pointerUp,
  type Step,
} from './gesture';
import { type SelectionHandles, selectionHandles } from './handles';
import { appendLaserPoint, type LaserTrailView, laserFromWire, type TimedPoint, visiblePoints } from './laser';
import { ShapeIndex } from './shape-index';
import { DEFAULT_STYLE, type ShapeStyle, stylePatch, styleOf } from './style';
import { editingFor, finishTextEdit, newTextEditing, type TextEditing } from './text-editing';
import { DEFAULT_TOOL, type ToolId } from './tools';
import { patched } from './transform';
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

/** What the overlay layer paints now. */
export interface Overlay {
  /** Selected shapes as they are now (transformed while a drag runs). */
  selected: readonly Shape[];
  handles: SelectionHandles | null;
  /** Shapes being moved, resized or rotated: hidden on the static layer, painted here. */
  transformed: readonly Shape[];
  /** Shapes the eraser will delete, painted faded. */
  erasing: readonly Shape[];
  /** The shape being drawn. */
  preview: Shape | null;
  marquee: Box | null;
  lasers: readonly LaserTrailView[];
  /** Shapes other people are drawing (issue 4 feeds them through `setRemoteShapes`). */
  remote: readonly Shape[];
}

export const GRID_SIZE = 20;
/** Duplicates land this far (board units) below and right of the originals. */
export const DUPLICATE_OFFSET = 16;
const NO_IDS: ReadonlySet<string> = new Set();
const PREVIEW_ID = 'preview';
const LASER_COLOR = '#e03131';

export class Editor {
  readonly doc: Y.Doc;
  readonly userId: string;
  readonly camera = new Camera();
  readonly index: ShapeIndex;
  private readonly undoManager: Y.UndoManager;
  private gesture: Gesture = IDLE;
  private hidden: ReadonlySet<string> = NO_IDS;
  private state: EditorState = {
    tool: DEFAULT_TOOL,
    selection: [],
    canUndo: false,
    canRedo: false,
    style: DEFAULT_STYLE,
    grid: false,
    editing: null,
    notice: null,
  };
  private pointer: Point | null = null;
  private laser: TimedPoint[] = [];
  private readonly remoteLasers = new Map<string, LaserTrailView>();
  private readonly remoteLaserWire = new Map<string, readonly number[]>();
  private readonly remoteShapes = new Map<string, readonly Shape[]>();
  private measurer: TextMeasurer = ESTIMATED_MEASURER;
  private readonly stateListeners = new Set<() => void>();
  private readonly sceneListeners = new Set<(change: SceneChange) => void>();
  private readonly laserListeners = new Set<() => void>();

  constructor(options: { doc: Y.Doc; userId: string; now?: () => number }) {
    this.doc = options.doc;
    this.userId = options.userId;
    if (options.now) this.now = options.now;
    this.index = new ShapeIndex(this.doc);
    this.index.subscribe(this.onShapesChange);
    this.camera.subscribe(() => this.emitScene({ shapes: true, overlay: true }));
    // Only this user's edits are tracked, so undo never reverts someone else's work. Each gesture
    // is one transaction, so no capture window is needed to group it.
    this.undoManager = new Y.UndoManager(getShapesMap(this.doc), { trackedOrigins: new Set([LOCAL_ORIGIN]), captureTimeout: 0 });
    for (const event of ['stack-item-added', 'stack-item-popped', 'stack-cleared'] as const) {
      this.undoManager.on(event, this.onUndoStackChange);
    }
  }

  /** The clock of laser trails (injected by tests). */
  private now: () => number = () => performance.now();

  get shapes(): readonly Shape[] {
    return this.index.shapes;
  }

  get viewport(): Viewport {
    return this.camera.viewport;
  }

  setViewport(viewport: Viewport): void {
    this.camera.setViewport(viewport);
  }

  subscribeViewport = (listener: () => void): (() => void) => this.camera.subscribe(listener);

  /** Shapes the static layer leaves out: transformed, erased or edited ones (the overlay has them). */
  get hiddenIds(): ReadonlySet<string> {
    return this.hidden;
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

  /** The shape this person is drawing right now, for others to see live (null when none). */
  previewShape(): Shape | null {
    const preview = gesturePreview(this.gesture, this.context()).shape;
    return preview ? ({ ...preview, id: PREVIEW_ID, z: PREVIEW_ID } as Shape) : null;
  }

  overlay(): Overlay {
    const ctx = this.context();
    const preview = gesturePreview(this.gesture, ctx);
    const pick = (ids: Iterable<string>) => [...ids].flatMap((id) => this.index.get(id) ?? []);
    const patches = preview.patches;
    const selected = pick(this.state.selection).map((shape) => patched(shape, patches?.get(shape.id)));
    const transformed = patches ? pick(patches.keys()).map((shape) => patched(shape, patches.get(shape.id))) : [];
    const now = this.now();
    const lasers: LaserTrailView[] = [];
    if (this.laser.length > 0) lasers.push({ color: LASER_COLOR, points: visiblePoints(this.laser, now) });
    for (const trail of this.remoteLasers.values()) lasers.push({ color: trail.color, points: visiblePoints(trail.points, now) });
    return {
      selected,
      handles: this.state.editing ? null : selectionHandles(selected, this.viewport.zoom),
      transformed,
      erasing: pick(preview.erasing),
      preview: this.previewShape(),
      marquee: preview.marquee,
      lasers: lasers.filter((trail) => trail.points.length > 0),
      remote: [...this.remoteShapes.values()].flat(),
    };
  }

  /** Whether the overlay changes by itself (a laser trail fading): repaint it every frame. */
  isAnimating(): boolean {
    const now = this.now();
    if (visiblePoints(this.laser, now).length > 0) return true;
    return [...this.remoteLasers.values()].some((trail) => visiblePoints(trail.points, now).length > 0);
  }

  setTool(tool: ToolId): void {
    this.cancelGesture();
    this.commitText();
    if (tool !== this.state.tool) this.setState({ tool });
    if (tool !== 'select' && this.state.selection.length > 0) this.select([]);
  }

  select(ids: readonly string[]): void {
    const current = this.state.selection;
    if (ids.length === current.length && ids.every((id, i) => id === current[i])) return;
    this.setState({ selection: ids });
    this.emitScene({ shapes: false, overlay: true });
  }

  selectAll(): void {
    this.setTool('select');
    this.select(this.index.shapes.map((shape) => shape.id));
  }

  /** The pointer's board position while it is over the canvas (pastes land there). */
  hover(point: Point | null): void {
    this.pointer = point;
  }

  pointerDown(sample: PointerSample): void {
    this.cancelGesture();
    // A press outside the text being edited only commits it.
    if (this.state.editing) {
      this.commitText();
      return;
    }
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

  /** Double-click: edit the text of a text or note under the point, or start a text on empty board. */
  doubleClick(point: Point): void {
    if (this.state.tool !== 'select' && this.state.tool !== 'text') return;
    this.cancelGesture();
    const tolerance = HIT_TOLERANCE_PX / this.viewport.zoom;
    const near = this.index.search({ x: point.x - tolerance, y: point.y - tolerance, w: tolerance * 2, h: tolerance * 2 });
    const hit = topmostShapeAt(near, point, tolerance);
    if (hit && (hit.type === 'text' || hit.type === 'sticky')) this.beginTextEdit(hit.id);
    else if (!hit) this.setEditing(newTextEditing(point, this.state.style));
  }

  deleteSelection(): void {
    if (this.state.selection.length === 0) return;
    this.cancelGesture();
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

  /** Pastes clipboard text: Tabula shapes at the pointer (or the view's centre), or a text. */
  paste(text: string): void {
    const content = parseClipboard(text);
    const at = this.pointer ?? this.viewCenter();
    if (content.kind === 'none') {
      if (content.reason) this.setState({ notice: content.reason });
      return;
    }
    if (content.kind === 'text') {
      const editing = newTextEditing(at, this.state.style);
      const shape = finishTextEdit(editing, content.text, this.measurer, this.userId);
      if (shape.kind === 'add') this.addAndSelect([{ ...shape.shape, id: newShapeId() }]);
      return;
    }
    this.setState({ notice: pasteNotice(content) });
    if (content.shapes.length > 0) this.addAndSelect(placeShapes(content.shapes, at, newShapeId));
  }

  dismissNotice(): void {
    if (this.state.notice) this.setState({ notice: null });
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

  /** The browser's text measurer (canvas): text boxes then fit what the canvas draws. */
  setTextMeasurer(measurer: TextMeasurer): void {
    this.measurer = measurer;
  }

  beginTextEdit(id: string): void {
    const shape = this.index.get(id);
    const editing = shape ? editingFor(shape) : null;
    if (editing) this.setEditing(editing);
  }

  /** Stores the text being typed: a new text is added, an emptied text is deleted. */
  commitText(text?: string): void {
    const editing = this.state.editing;
    if (!editing) return;
    this.setEditing(null);
    const result = finishTextEdit(editing, text ?? editing.text, this.measurer, this.userId);
    if (result.kind === 'add') this.addAndSelect([{ ...result.shape, id: newShapeId() }]);
    else if (result.kind === 'update') this.update(new Map([[result.id, result.patch]]));
    else if (result.kind === 'delete') this.transact(() => deleteShapes(this.doc, [result.id]));
  }

  /** Keeps the text being typed (the editor overlay reports each change). */
  setEditingText(text: string): void {
    const editing = this.state.editing;
    if (editing && editing.text !== text) this.setState({ editing: { ...editing, text } });
  }

  /** The own laser trail as it is now (for publishing). */
  laserTrail(): readonly TimedPoint[] {
    return visiblePoints(this.laser, this.now());
  }

  onLaserChange(listener: () => void): () => void {
    this.laserListeners.add(listener);
    return () => this.laserListeners.delete(listener);
  }

  /** Another person's laser trail as published ([x, y, age, ...]), or null when they have none. */
  setRemoteLaser(key: string, color: string, wire: readonly number[] | null): void {
    // Presence repeats the last trail with every cursor move: only a new trail restarts the fade.
    const last = this.remoteLaserWire.get(key);
    if (wire && last && wire.length === last.length && wire.every((value, i) => value === last[i])) return;
    if (wire && wire.length > 0) {
      this.remoteLaserWire.set(key, wire);
      this.remoteLasers.set(key, { color, points: laserFromWire(wire, this.now()) });
    } else {
      this.remoteLaserWire.delete(key);
      if (!this.remoteLasers.delete(key)) return;
    }
    this.emitScene({ shapes: false, overlay: true });
  }

  /** Shapes another person is drawing, painted on the overlay; null removes them. */
  setRemoteShapes(key: string, shapes: readonly Shape[] | null): void {
    if (shapes && shapes.length > 0) this.remoteShapes.set(key, shapes);
    else if (!this.remoteShapes.delete(key)) return;
    this.emitScene({ shapes: false, overlay: true });
  }

  undo(): void {
    this.cancelGesture();
    this.commitText();
    this.undoManager.undo();
  }

  redo(): void {
    this.cancelGesture();
    this.commitText();
    this.undoManager.redo();
  }

  destroy(): void {
    this.undoManager.destroy();
    this.index.destroy();
    this.stateListeners.clear();
    this.sceneListeners.clear();
    this.laserListeners.clear();
  }

  private context(): GestureContext {
    const { tool, selection, style, grid } = this.state;
    return {
      tool,
      selection,
      getShape: (id) => this.index.get(id),
      shapesIn: (box) => this.index.search(box),
      userId: this.userId,
      zoom: this.viewport.zoom,
      style,
      grid: grid ? GRID_SIZE : null,
    };
  }

  private viewCenter(): Point {
    const { width, height } = this.camera.screenSize;
    const { x, y, zoom } = this.viewport;
    return { x: x + width / 2 / zoom, y: y + height / 2 / zoom };
  }

  private run(step: Step): void {
    this.gesture = step.gesture;
    for (const command of step.commands) this.apply(command);
    this.refreshHidden();
    this.emitScene({ shapes: false, overlay: true });
  }

  /** Shapes that the overlay paints instead of the static layer. */
  private refreshHidden(): void {
    const g = this.gesture;
    const ids = new Set<string>();
    if (g.kind === 'erase') for (const id of g.ids) ids.add(id);
    if ((g.kind === 'move' || g.kind === 'resize' || g.kind === 'rotate') && g.dragged) for (const shape of g.start) ids.add(shape.id);
    if (g.kind === 'endpoint' && g.dragged) ids.add(g.start.id);
    if (this.state.editing?.id) ids.add(this.state.editing.id);
    const changed = ids.size !== this.hidden.size || [...ids].some((id) => !this.hidden.has(id));
    if (!changed) return;
    this.hidden = ids.size > 0 ? ids : NO_IDS;
    this.emitScene({ shapes: true, overlay: true });
  }

  private apply(command: EditorCommand): void {
    switch (command.type) {
      case 'add': {
        const ids = this.addAndSelect(command.shapes.map((shape) => ({ ...shape, id: newShapeId() })), false);
        if (command.edit && ids[0]) this.beginTextEdit(ids[0]);
        break;
      }
      case 'update':
        this.update(command.patches);
        break;
      case 'delete':
        this.transact(() => deleteShapes(this.doc, command.ids));
        break;
      case 'select':
        this.select(command.ids);
        break;
      case 'edit-text':
        this.beginTextEdit(command.id);
        break;
      case 'new-text':
        this.setEditing(newTextEditing(command.at, this.state.style));
        break;
      case 'laser':
        this.laser = appendLaserPoint(this.laser, command.point, this.now());
        for (const listener of this.laserListeners) listener();
        this.emitScene({ shapes: false, overlay: true });
        break;
    }
  }

  /** Adds shapes on top as one undo step; selects them unless told not to. Returns their ids. */
  private addAndSelect(shapes: Parameters<typeof addShapes>[1], select = true): string[] {
    if (shapes.length === 0) return [];
    const added = this.transact(() => addShapes(this.doc, shapes));
    const ids = added.map((shape) => shape.id);
    if (select) {
      if (this.state.tool !== 'select') this.setState({ tool: 'select' });
      this.select(ids);
    }
    return ids;
  }

  private update(patches: ReadonlyMap<string, ShapePatch>): void {
    if (patches.size > 0) this.transact(() => updateShapes(this.doc, patches));
  }

  /** One document change made by this person: one undo step. */
  private transact<T>(change: () => T): T {
    const result = change();
    this.undoManager.stopCapturing();
    return result;
  }

  private setEditing(editing: TextEditing | null): void {
    this.setState({ editing });
    this.refreshHidden();
    this.emitScene({ shapes: false, overlay: true });
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
    const editing = this.state.editing;
    if (editing?.id && !this.index.has(editing.id)) this.setEditing(null);
    this.emitScene({ shapes: true, overlay: true });
  };

  private readonly onUndoStackChange = (): void => {
    const canUndo = this.undoManager.canUndo();
    const canRedo = this.undoManager.canRedo();
    if (canUndo !== this.state.canUndo || canRedo !== this.state.canRedo) this.setState({ canUndo, canRedo });
  };
}
