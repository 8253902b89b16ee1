/** The people on a board as the UI shows them, derived from awareness states. */
import type { Point } from '../geometry/types';
import { parsePresenceState } from '../presence/schema';

export interface Peer {
  clientId: number;
  name: string;
  color: string;
  /** Board coordinates of their pointer, null while it is off the canvas. */
  cursor: Point | null;
  isSelf: boolean;
}

/** Shown for someone whose name is blank. */
export const ANONYMOUS = 'Anonymous';

/** A peer from an awareness state, or null if the state does not fit the presence schema. */
export function peerFromState(clientId: number, raw: unknown, selfId: number): Peer | null {
  const state = parsePresenceState(raw);
  // The schema requires `user`; the check satisfies the inferred type, which marks it optional.
  if (!state?.user) return null;
  return {
    clientId,
    name: state.user.name.trim() || ANONYMOUS,
    color: state.user.color,
    cursor: state.cursor,
    isSelf: clientId === selfId,
  };
}

/** Oneself first, then by name, then by client id so that the order is stable. */
export function sortPeers(peers: Iterable<Peer>): Peer[] {
  return [...peers].sort(
    (a, b) => Number(b.isSelf) - Number(a.isSelf) || a.name.localeCompare(b.name) || a.clientId - b.clientId,
  );
}

/** Up to two letters for an avatar: "Ada Lovelace" -> "AL", "guest" -> "G". */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = (word: string | undefined) => (word ? [...word][0]! : '');
  const letters = words.length > 1 ? first(words[0]) + first(words[words.length - 1]) : first(words[0]);
  return letters.toUpperCase();
}

function samePeers(a: readonly Peer[], b: readonly Peer[], withCursor: boolean): boolean {
  return (
    a.length === b.length &&
    a.every((peer, i) => {
      const other = b[i]!;
      const sameCursor = !withCursor || (peer.cursor?.x === other.cursor?.x && peer.cursor?.y === other.cursor?.y);
      return peer.clientId === other.clientId && peer.name === other.name && peer.color === other.color && sameCursor;
    })
  );
}

/** Whether two lists show the same people (cursors ignored: they change all the time). */
export function sameRoster(a: readonly Peer[], b: readonly Peer[]): boolean {
  return samePeers(a, b, false);
}

/** Whether two lists show the same people with their cursors at the same places. */
export function sameCursors(a: readonly Peer[], b: readonly Peer[]): boolean {
  return samePeers(a, b, true);
}
