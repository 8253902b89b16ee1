/**
 * The editor of one board: the current tool, the gesture in progress, text typed in place, paste
 * and the live marks (laser trails, other people's previews), on top of the selection commands
 * (selection-commands.ts) and the document side (editor-core.ts). Plain TypeScript over a Y.Doc,
 * so that it runs (and is tested) without a browser; the React components feed it pointer samples
 * in board coordinates and paint what it exposes (layer-contents.ts).
 */
import { newShapeId } from '../board/doc';
import type { Shape } from '../board/schema';
import { HIT_TOLERANCE_PX, topmostShapeAt } from '../geometry/hit-test';
import type { Point } from '../geometry/types';
import type { Overlay } from '../render/overlay';
import { ESTIMATED_MEASURER, type TextMeasurer } from '../render/text-layout';
import { textStyleOf } from '../render/text-style';
import { parseClipboard, pasteNotice, placeShapes } from './clipboard';
import type { LiveGesture } from '../presence/preview';
import type { EditorOptions } from './editor-core';
import {
  type EditorCommand,
  type Gesture,
  type GestureContext,
  gesturePreview,
  IDLE,
  liveGesture,
  type PointerSample,
  pointerDown,
  pointerMove,
  pointerUp,
  type Step,
} from './gesture';
import type { TimedPoint } from '../presence/laser';
import { HiddenShapes, overlaidIds, overlayOf, previewAsShape } from './layer-contents';
import { LiveMarks } from './live-marks';
import { withGroupMembers } from './groups';
import { isLocked, unlocked } from './lock';
import { editingFor, finishTextEdit, newTextEditing, type TextEditing } from './text-editing';
import { SelectionCommands } from './selection-commands';
import { type ToolId, toolWrites } from './tools';

export { type ChangeOptions, type EditorState, type SceneChange } from './editor-core';
export { DUPLICATE_OFFSET } from './selection-commands';
export type { ViewportSource } from './camera';
export type { Overlay } from '../render/overlay';

export const GRID_SIZE = 20;

export class Editor extends SelectionCommands {
  private gesture: Gesture = IDLE;
  private readonly hidden = new HiddenShapes();
  private pointer: Point | null = null;
  /** The locked shape under the pointer, if any: the overlay marks it with a lock. */
  private lockedHover: Shape | null = null;
  private readonly live = new LiveMarks();
  private measurer: TextMeasurer = ESTIMATED_MEASURER;
  private readonly laserListeners = new Set<() => void>();
  /** The clock of laser trails (tests inject one). */
  private readonly now: () => number;

  constructor(options: EditorOptions & { now?: () => number }) {
    super(options);
    this.now = options.now ?? (() => performance.now());
  }

  /**
   * Shapes the static layer leaves out: those transformed, erased or typed in here (the overlay
   * paints them) and those others are changing live (the presence layer paints them).
   */
  get hiddenIds(): ReadonlySet<string> {
    return this.hidden.ids;
  }

  /** Sets the shapes others are changing live; the static layer leaves them out. */
  setRemoteHidden(ids: ReadonlySet<string>): void {
    if (this.hidden.setRemote(ids)) this.emitScene({ shapes: true, overlay: false });
  }

  /** A shape by id, if it exists and is valid. */
  shapeById(id: string): Shape | undefined {
    return this.index.get(id);
  }

  /** The gesture in progress, or the text being typed, as others should see it live. */
  livePreview(): LiveGesture {
    const editing = this.state.editing;
    if (this.gesture.kind === 'idle' && editing) {
      // Typing in a shape goes into its text as it happens: the others see the board itself.
      if (editing.id) return { shape: null, move: null };
      const typed = finishTextEdit(editing, editing.text, this.measurer, this.userId);
      if (typed.kind === 'add') return { shape: typed.shape, move: null };
    }
    return liveGesture(this.gesture, this.context());
  }

  /** The shape this person is drawing right now, for others to see live (null when none). */
  previewShape(): Shape | null {
    return previewAsShape(gesturePreview(this.gesture, this.context()));
  }

  overlay(): Overlay {
    const { selection, editing } = this.state;
    const lasers = this.live.trails(this.now());
    const facts = { index: this.index, selection, editing, zoom: this.viewport.zoom, lasers, lockedHover: this.lockedHover };
    return overlayOf(gesturePreview(this.gesture, this.context()), facts);
  }

  /** Whether the overlay changes by itself (a laser trail fading): repaint it every frame. */
  isAnimating(): boolean {
    return this.live.isAnimating(this.now());
  }

  setTool(tool: ToolId): void {
    if (this.state.readOnly && toolWrites(tool)) return;
    this.settle();
    if (tool !== this.state.tool) this.setState({ tool });
    if (tool !== 'select' && this.state.selection.length > 0) this.select([]);
  }

  selectAll(): void {
    this.setTool('select');
    this.select(unlocked(this.index.shapes).map((shape) => shape.id));
  }

  /** The pointer's board position while it is over the canvas (pastes land there). */
  hover(point: Point | null): void {
    this.pointer = point;
    const hit = point ? this.topmostAt(point) : null;
    const lockedHover = hit && isLocked(hit) ? hit : null;
    if (lockedHover?.id === this.lockedHover?.id) return;
    this.lockedHover = lockedHover;
    this.emitScene({ shapes: false, overlay: true });
  }

  /** The topmost shape under a board point, locked ones included. */
  private topmostAt(point: Point): Shape | null {
    const tolerance = HIT_TOLERANCE_PX / this.viewport.zoom;
    const near = this.index.search({ x: point.x - tolerance, y: point.y - tolerance, w: tolerance * 2, h: tolerance * 2 });
    return topmostShapeAt(near, point, tolerance);
  }

  pointerDown(sample: PointerSample): void {
    this.cancelGesture();
    // A press outside the text being edited only commits it.
    if (this.state.editing) return this.commitText();
    this.run(pointerDown(this.context(), sample));
  }

  pointerMove(sample: PointerSample): void {
    if (this.gesture.kind !== 'idle') this.run(pointerMove(this.gesture, this.context(), sample));
  }

  pointerUp(sample: PointerSample): void {
    if (this.gesture.kind !== 'idle') this.run(pointerUp(this.gesture, this.context(), sample));
  }

  /** Drops the gesture in progress without changing the document. */
  cancelGesture(): void {
    if (this.gesture.kind !== 'idle') this.run({ gesture: IDLE, commands: [] });
  }

  /**
   * Double-click: edit the text of a text or note under the point, or the label of a box or an
   * arrow (shapes without text, such as strokes, ignore it), or start a text on empty board.
   * On a locked shape it selects the shape, so that it can be unlocked.
   */
  doubleClick(point: Point): void {
    if (this.state.readOnly || (this.state.tool !== 'select' && this.state.tool !== 'text')) return;
    this.cancelGesture();
    const hit = this.topmostAt(point);
    const textual = hit?.type === 'text' || hit?.type === 'sticky';
    // A group is entered before a label in it is typed: the first double-click selects the shape alone.
    const entered = hit !== null && this.state.selection.length === 1 && this.state.selection[0] === hit.id;
    if (hit && (isLocked(hit) || (hit.groupId && !textual && !entered && this.state.tool === 'select'))) {
      // A locked shape is selected to be unlocked; a shape of a group alone, entering the group.
      if (this.state.tool !== 'select') this.setState({ tool: 'select' });
      this.select([hit.id]);
    } else if (hit) this.beginTextEdit(hit.id);
    else this.setEditing(newTextEditing(point, this.state.style));
  }

  /** Pastes clipboard text: Tabula shapes at the pointer (or the view's centre), or a text. */
  paste(text: string): void {
    if (this.state.readOnly) return;
    const content = parseClipboard(text);
    const at = this.pointer ?? this.viewCenter();
    if (content.kind === 'none') {
      if (content.reason) this.notices.push('error', content.reason);
      return;
    }
    if (content.kind === 'text') {
      const result = finishTextEdit(newTextEditing(at, this.state.style), content.text, this.measurer, this.userId);
      if (result.kind === 'add') this.addShapes([{ ...result.shape, id: newShapeId() }]);
      return;
    }
    const notice = pasteNotice(content);
    if (notice) this.notices.push('info', notice);
    this.addShapes(placeShapes(content.shapes, at, newShapeId));
  }

  /** The browser's text measurer (canvas): text boxes then fit what the canvas draws. */
  setTextMeasurer(measurer: TextMeasurer): void {
    this.measurer = measurer;
  }

  beginTextEdit(id: string): void {
    if (this.state.readOnly) return;
    const shape = this.index.get(id);
    const editing = shape ? editingFor(shape) : null;
    if (!editing) return;
    this.beginTyping(id);
    this.setEditing(editing);
  }

  /**
   * Keeps the text being typed (the text box reports each change); in an existing shape it goes
   * into the board at once. With `fromOthers` the text is what others made of it: only kept.
   */
  setEditingText(text: string, fromOthers = false): void {
    const editing = this.state.editing;
    if (!editing || editing.text === text) return;
    this.setState({ editing: { ...editing, text } });
    if (editing.id && !fromOthers) this.typeInto(editing.id, editing.text, text);
    // Others see typing live (the presence layer publishes on scene changes).
    this.emitScene({ shapes: false, overlay: true });
  }

  /** Stores the text being typed: a new text is added, an emptied text is deleted. */
  commitText(text?: string): void {
    const editing = this.state.editing;
    if (!editing) return;
    this.setEditing(null);
    const result = finishTextEdit(editing, text ?? editing.text, this.measurer, this.userId);
    if (result.kind === 'add') this.addShapes([{ ...result.shape, id: newShapeId() }]);
    else if (result.kind === 'update') this.update(new Map([[result.id, result.patch]]));
    else if (result.kind === 'delete') this.deleteShapes([result.id]);
    if (editing.id) this.endTyping();
    // What was typed ends selected, for the style bar, as a new text is.
    if (editing.id && result.kind !== 'delete' && this.index.has(editing.id)) {
      if (this.state.tool !== 'select') this.setState({ tool: 'select' });
      this.select([editing.id]);
    }
  }

  /** The own laser trail as it is now (for publishing). */
  laserTrail(): readonly TimedPoint[] {
    return this.live.ownTrail(this.now());
  }

  onLaserChange(listener: () => void): () => void {
    this.laserListeners.add(listener);
    return () => this.laserListeners.delete(listener);
  }

  /** Another person's laser trail as published ([x, y, age, ...]), or null when they have none. */
  setRemoteLaser(key: string, color: string, wire: readonly number[] | null): void {
    if (this.live.setRemoteLaser(key, color, wire, this.now())) this.emitScene({ shapes: false, overlay: true });
  }

  override destroy(): void {
    super.destroy();
    this.laserListeners.clear();
  }

  protected settle(): void {
    this.cancelGesture();
    this.commitText();
  }

  protected override onShapesChange(): void {
    const editing = this.state.editing;
    const shape = editing?.id ? this.index.get(editing.id) : undefined;
    if (editing?.id && !shape) {
      this.setEditing(null);
      this.endTyping();
    } else if (editing && shape) {
      // A text style changed meanwhile (from the style bar, by anyone) shows in the text box at once.
      const style = textStyleOf(shape);
      if (style.size !== editing.fontSize || style.family !== editing.fontFamily || style.align !== editing.textAlign) {
        this.setState({ editing: { ...editing, fontSize: style.size, fontFamily: style.family, textAlign: style.align } });
      }
    }
    super.onShapesChange();
  }

  private context(): GestureContext {
    const { tool, selection, style, grid } = this.state;
    return {
      tool,
      selection,
      getShape: (id) => this.index.get(id),
      shapesIn: (box) => this.index.search(box),
      withGroups: (ids) => withGroupMembers(ids, unlocked(this.index.shapes)),
      userId: this.userId,
      zoom: this.viewport.zoom,
      style,
      grid: grid ? GRID_SIZE : null,
      readOnly: this.state.readOnly,
    };
  }

  private run(step: Step): void {
    this.gesture = step.gesture;
    for (const command of step.commands) this.apply(command);
    this.refreshHidden();
    this.emitScene({ shapes: false, overlay: true });
  }

  private refreshHidden(): void {
    const ids = overlaidIds(this.gesture, this.context(), this.state.editing?.id ?? null);
    if (this.hidden.setLocal(ids)) this.emitScene({ shapes: true, overlay: true });
  }

  private apply(command: EditorCommand): void {
    switch (command.type) {
      case 'add': {
        const [first] = this.addShapes(
          command.shapes.map((shape) => ({ ...shape, id: newShapeId() })),
          { select: false },
        );
        if (command.edit && first) this.beginTextEdit(first.id);
        break;
      }
      case 'update':
        this.update(command.patches);
        break;
      case 'delete':
        this.deleteShapes(command.ids);
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
        this.live.addLaserPoint(command.point, this.now());
        for (const listener of this.laserListeners) listener();
        this.emitScene({ shapes: false, overlay: true });
        break;
    }
  }

  private setEditing(editing: TextEditing | null): void {
    this.setState({ editing });
    this.refreshHidden();
    this.emitScene({ shapes: false, overlay: true });
  }
}
