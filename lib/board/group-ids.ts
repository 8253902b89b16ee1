/** Group ids of copied shapes: copies never join the originals' groups. */

/** A group has at least two shapes. */
export const MIN_GROUP = 2;

/**
 * Copies (duplicate, paste, import) form groups of their own: each group among them gets a new
 * id, and a shape copied without any other shape of its group is copied ungrouped.
 */
export function remapGroups<T extends { groupId?: string }>(copies: readonly T[], newId: () => string): T[] {
  const counts = new Map<string, number>();
  for (const copy of copies) if (copy.groupId) counts.set(copy.groupId, (counts.get(copy.groupId) ?? 0) + 1);
  if (counts.size === 0) return [...copies];
  const renamed = new Map([...counts].map(([id, count]) => [id, count >= MIN_GROUP ? newId() : '']));
  return copies.map((copy) => (copy.groupId ? { ...copy, groupId: renamed.get(copy.groupId)! } : copy));
}
