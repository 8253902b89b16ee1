/**
 * What the canvas layers paint of the editor besides the stored board: the overlay (selection,
 * handles, the gesture's preview, lasers) and the shapes the static layer leaves out meanwhile,
 * because the overlay paints them changed here or the presence layer paints others changing them.
 * The Editor (editor.ts) asks; components/board/canvas-layers.ts paints.
 */
import type { Shape } from '../board/schema';
import type { BindableShape } from '../geometry/binding';
import type { LaserTrailView } from '../presence/laser';
import type { Overlay } from '../render/overlay';
import { type ConnectorDraft, endTargets } from './bindings';
import { type Gesture, type GestureContext, gesturePreview, type GestureView } from './gesture';
import { selectionHandles } from './handles';
import { unlocked } from './lock';
import type { ShapeIndex } from './shape-index';
import type { TextEditing } from './text-editing';
import { patched } from './transform';

const NO_IDS: ReadonlySet<string> = new Set();
const PREVIEW_ID = 'preview';

/** What the overlay shows besides the gesture in progress. */
interface OverlayFacts {
  index: ShapeIndex;
  selection: readonly string[];
  editing: TextEditing | null;
  zoom: number;
  lasers: readonly LaserTrailView[];
  /** The locked shape last under the pointer, if any (marked with a lock while it exists). */
  lockedHover: Shape | null;
}

/** The shape being drawn as painted: it has no id or place in the paint order until it is stored. */
export function previewAsShape(view: GestureView): Shape | null {
  return view.shape ? ({ ...view.shape, id: PREVIEW_ID, z: PREVIEW_ID } as Shape) : null;
}

export function overlayOf(view: GestureView, facts: OverlayFacts): Overlay {
  const { index, selection, editing, lockedHover } = facts;
  const pick = (ids: Iterable<string>) => [...ids].flatMap((id) => index.get(id) ?? []);
  const patches = view.patches;
  const selected = pick(selection).map((shape) => patched(shape, patches?.get(shape.id)));
  return {
    selected,
    handles: editing ? null : selectionHandles(unlocked(selected), facts.zoom),
    transformed: [...(patches ? pick(patches.keys()).map((shape) => patched(shape, patches.get(shape.id))) : []), ...labelledBeingTyped(index, editing)],
    erasing: pick(view.erasing),
    preview: previewAsShape(view),
    marquee: view.marquee,
    lasers: facts.lasers,
    lockedHover: lockedHover && index.get(lockedHover.id) ? lockedHover : null,
    bindTargets: view.shape && (view.shape.type === 'line' || view.shape.type === 'arrow') ? bindTargets(index, view.shape) : [],
    guides: view.guides,
  };
}

/**
 * A shape whose label is being typed: the text box shows the label, the overlay the shape
 * without it (the static layer leaves the shape out meanwhile, as it does a text being typed).
 */
function labelledBeingTyped(index: ShapeIndex, editing: TextEditing | null): Shape[] {
  const shape = editing?.type === 'label' && editing.id ? index.get(editing.id) : undefined;
  return shape ? [{ ...shape, text: '' } as Shape] : [];
}

/** The shapes under the ends of a line or arrow being drawn (what they bind to when dropped). */
function bindTargets(index: ShapeIndex, draft: ConnectorDraft): Shape[] {
  const { start, end } = endTargets(draft, index.search(draft));
  return [start, end].filter((shape): shape is BindableShape => shape !== null);
}

/**
 * The shapes the overlay paints instead of the static layer: those the gesture has dragged or is
 * erasing, the connectors that follow dragged shapes, and the shape being typed in.
 */
export function overlaidIds(gesture: Gesture, ctx: GestureContext, editingId: string | null): Set<string> {
  const ids = new Set<string>();
  if (gesture.kind === 'erase') for (const id of gesture.ids) ids.add(id);
  if ((gesture.kind === 'move' || gesture.kind === 'resize' || gesture.kind === 'rotate') && gesture.dragged) {
    for (const shape of gesture.start) ids.add(shape.id);
    for (const id of gesturePreview(gesture, ctx).patches?.keys() ?? []) ids.add(id);
  }
  if (gesture.kind === 'endpoint' && gesture.dragged) ids.add(gesture.start.id);
  if (editingId) ids.add(editingId);
  return ids;
}

/**
 * The shapes the static layer leaves out: those the overlay paints here and those others are
 * changing live. `ids` stays the same object until either changes, which tells the static layer
 * that its last painting still holds.
 */
export class HiddenShapes {
  private local: ReadonlySet<string> = NO_IDS;
  private remote: ReadonlySet<string> = NO_IDS;
  private all: ReadonlySet<string> = NO_IDS;

  get ids(): ReadonlySet<string> {
    return this.all;
  }

  /** Sets the shapes the overlay paints; returns whether they changed. */
  setLocal(ids: ReadonlySet<string>): boolean {
    if (sameIds(ids, this.local)) return false;
    this.local = ids.size > 0 ? ids : NO_IDS;
    this.merge();
    return true;
  }

  /** Sets the shapes others are changing live; returns whether they changed. */
  setRemote(ids: ReadonlySet<string>): boolean {
    if (sameIds(ids, this.remote)) return false;
    this.remote = ids.size > 0 ? new Set(ids) : NO_IDS;
    this.merge();
    return true;
  }

  private merge(): void {
    if (this.remote.size === 0) this.all = this.local;
    else if (this.local.size === 0) this.all = this.remote;
    else this.all = new Set([...this.local, ...this.remote]);
  }
}

function sameIds(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((id) => b.has(id));
}
