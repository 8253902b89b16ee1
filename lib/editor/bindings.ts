/**
 * Keeping connectors on their shapes: binding the ends of a new line or arrow to the shapes they
 * were dropped on, moving bound ends with every change of their shapes (in the same transaction, so
 * that everyone sees the arrow follow the box), and unbinding the ends of a deleted shape.
 */
import type { ShapePatch } from '../board/doc';
import type { Shape, ShapeDraft } from '../board/schema';
import { type BindableShape, bindingTargetAt, boundGeometry, type Connector, connectorEnds, isBindable, isConnector } from '../geometry/binding';
import { patched } from './transform';

export type ConnectorDraft = Extract<ShapeDraft, { type: 'line' | 'arrow' }>;

/** The shapes under a new connector's two ends: what each end binds to (null: none). */
export function endTargets(draft: ConnectorDraft, shapes: readonly Shape[]): { start: BindableShape | null; end: BindableShape | null } {
  const [first, last] = connectorEnds({ ...draft, id: '', z: '' } as Connector);
  const start = bindingTargetAt(shapes, first);
  const end = bindingTargetAt(shapes, last);
  // Both ends in one shape: a line drawn inside it, not a connector.
  return start && end && start.id === end.id ? { start: null, end: null } : { start, end };
}

/** A new connector with its ends bound to the shapes they were dropped on, moved onto their outlines. */
export function bindConnector(draft: ConnectorDraft, shapes: readonly Shape[]): ConnectorDraft {
  const { start, end } = endTargets(draft, shapes);
  const geometry = boundGeometry({ ...draft, id: '', z: '' } as Connector, start, end);
  if (!geometry) return draft;
  return { ...draft, ...geometry, ...(start ? { startBinding: start.id } : {}), ...(end ? { endBinding: end.id } : {}) };
}

function bound(id: string | undefined, shapeOf: (id: string) => Shape | undefined): BindableShape | null {
  const shape = id ? shapeOf(id) : undefined;
  return shape && isBindable(shape) ? shape : null;
}

const movesShape = (patch: ShapePatch | undefined) =>
  patch !== undefined && ['x', 'y', 'w', 'h', 'rotation', 'points'].some((key) => key in patch);

/**
 * `patches` and, added to them, the patches that keep every connector bound to a moved, resized or
 * rotated shape on its shapes' outlines, computed from the shapes as patched. A connector moved on
 * its own leaves the shapes it was bound to (the ends whose shapes stay where they are unbind);
 * moved together with them it stays bound. A patch that sets a connector's binding (an end dragged
 * onto a shape or off it) decides that end, and the other end keeps its binding.
 */
export function withFollowingConnectors(shapes: readonly Shape[], patches: ReadonlyMap<string, ShapePatch>): Map<string, ShapePatch> {
  const result = new Map(patches);
  const byId = new Map(shapes.map((shape) => [shape.id, shape]));
  const shapeOf = (id: string) => {
    const shape = byId.get(id);
    return shape && patched(shape, patches.get(id));
  };
  for (const shape of shapes) {
    if (!isConnector(shape)) continue;
    const own = patches.get(shape.id);
    if (!shape.startBinding && !shape.endBinding && !own?.startBinding && !own?.endBinding) continue;
    const moved = (id: string | undefined) => Boolean(id) && movesShape(patches.get(id!));
    const self = movesShape(patches.get(shape.id));
    if (!self && !moved(shape.startBinding) && !moved(shape.endBinding)) continue;
    const patch: ShapePatch = { ...result.get(shape.id) };
    const reattached = 'startBinding' in patch || 'endBinding' in patch;
    if (self && !reattached && shape.startBinding && !moved(shape.startBinding)) patch.startBinding = '';
    if (self && !reattached && shape.endBinding && !moved(shape.endBinding)) patch.endBinding = '';
    const line = patched(shape, patch) as Connector;
    const geometry = boundGeometry(line, bound(line.startBinding, shapeOf), bound(line.endBinding, shapeOf));
    result.set(shape.id, geometry ? { ...patch, ...geometry } : patch);
  }
  return result;
}

/** Patches that unbind the connector ends bound to shapes about to be deleted (deleted connectors aside). */
export function unbindDeleted(shapes: readonly Shape[], deleted: ReadonlySet<string>): Map<string, ShapePatch> {
  const result = new Map<string, ShapePatch>();
  for (const shape of shapes) {
    if (!isConnector(shape) || deleted.has(shape.id)) continue;
    const patch: ShapePatch = {};
    if (shape.startBinding && deleted.has(shape.startBinding)) patch.startBinding = '';
    if (shape.endBinding && deleted.has(shape.endBinding)) patch.endBinding = '';
    if (Object.keys(patch).length > 0) result.set(shape.id, patch);
  }
  return result;
}

/**
 * The connectors among `near` bound to a shape of `ids`. A bound end lies on its shape's outline,
 * so a connector's bounds meet its shapes': the shapes found around them (in the R-tree) suffice.
 */
export function connectorsBoundTo(ids: ReadonlySet<string>, near: readonly Shape[]): Connector[] {
  return near.filter((shape): shape is Connector => isConnector(shape) && !ids.has(shape.id) && (ids.has(shape.startBinding ?? '') || ids.has(shape.endBinding ?? '')));
}

/**
 * The changes of a gesture in progress and, for its preview, the connectors bound to the changed
 * shapes as they follow them (what the document will get at the end, here and on others' screens).
 * `near` holds the shapes around the changed ones; `lookup` finds the shapes at connectors' far ends.
 */
export function withFollowersNear(patches: ReadonlyMap<string, ShapePatch>, near: readonly Shape[], lookup: (id: string) => Shape | undefined): Map<string, ShapePatch> {
  const connectors = connectorsBoundTo(new Set(patches.keys()), near);
  if (connectors.length === 0) return new Map(patches);
  const involved = new Map<string, Shape>();
  for (const id of patches.keys()) {
    const shape = lookup(id);
    if (shape) involved.set(id, shape);
  }
  for (const connector of connectors) {
    involved.set(connector.id, connector);
    for (const id of [connector.startBinding, connector.endBinding]) {
      const shape = id ? lookup(id) : undefined;
      if (shape) involved.set(shape.id, shape);
    }
  }
  return withFollowingConnectors([...involved.values()], patches);
}
