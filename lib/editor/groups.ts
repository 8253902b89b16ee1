/**
 * Groups: shapes that share a `groupId` are selected together by a click, a Shift-click or a
 * marquee, and so move, resize, rotate and restyle together. Groups are flat: grouping shapes that
 * belong to other groups makes one new group of them all. A double-click selects one shape of a
 * group on its own (entering the group).
 */
import type { ShapePatch } from '../board/doc';
import { MIN_GROUP } from '../board/group-ids';
import type { Shape } from '../board/schema';

export { MIN_GROUP };

/** The patches that put the shapes in one new group (none for fewer than two shapes). */
export function groupPatches(shapes: readonly Shape[], groupId: string): Map<string, ShapePatch> {
  if (shapes.length < MIN_GROUP) return new Map();
  return new Map(shapes.map((shape) => [shape.id, { groupId }]));
}

/** The patches that take the shapes out of their groups. */
export function ungroupPatches(shapes: readonly Shape[]): Map<string, ShapePatch> {
  return new Map(shapes.filter((shape) => shape.groupId).map((shape) => [shape.id, { groupId: '' }]));
}

/** The ids with every other shape of their groups added, in board order after the given ones. */
export function withGroupMembers(ids: readonly string[], shapes: readonly Shape[]): string[] {
  const groups = new Set<string>();
  const byId = new Map(shapes.map((shape) => [shape.id, shape]));
  for (const id of ids) {
    const groupId = byId.get(id)?.groupId;
    if (groupId) groups.add(groupId);
  }
  const result = new Set(ids);
  if (groups.size > 0) for (const shape of shapes) if (shape.groupId && groups.has(shape.groupId)) result.add(shape.id);
  return [...result];
}
