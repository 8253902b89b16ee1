/**
 * What the presence layer (lib/render/presence-layer.ts) paints for each other person: the shapes
 * of their gesture in progress and their selection, where they see it.
 */
import type { Shape } from '../board/schema';
import { previewShapes } from '../presence/preview';
import type { PresenceItem } from '../render/presence-layer';
import type { Peer } from './peers';

/** What to paint for each remote person who is doing or has selected something. */
export function presenceItems(peers: readonly Peer[], lookup: (id: string) => Shape | undefined): PresenceItem[] {
  const items: PresenceItem[] = [];
  for (const peer of peers) {
    if (peer.isSelf || (!peer.preview && peer.selection.length === 0)) continue;
    const paint = previewShapes(peer.preview ?? undefined, String(peer.clientId), lookup);
    const edited = new Map<string, Shape>();
    for (const id of paint.hidden) {
      const shape = paint.shapes.find((each) => each.id === id);
      if (shape) edited.set(id, shape);
    }
    const selected: Shape[] = [];
    for (const id of peer.selection) {
      const shape = edited.get(id) ?? lookup(id);
      if (shape) selected.push(shape);
    }
    if (paint.shapes.length > 0 || selected.length > 0) {
      items.push({ name: peer.name, color: peer.color, drawn: paint.shapes, selected });
    }
  }
  return items;
}
