/** The people on a board as the UI shows them, derived from awareness states. */
import type { Point } from '../geometry/types';
import type { Preview } from '../presence/preview-schema';
import { parsePresenceState, type ViewRect } from '../presence/schema';

export interface Peer {
  clientId: number;
  /** The browser's persistent user id, when the client publishes one. */
  userId: string | null;
  name: string;
  color: string;
  /** Board coordinates of their pointer, null while it is off the canvas. */
  cursor: Point | null;
  isSelf: boolean;
  idle: boolean;
  selection: readonly string[];
  /** The client id they follow, if any. */
  follow: number | null;
  /** What their canvas shows (published only while someone follows them). */
  view: ViewRect | null;
  preview: Preview | null;
}

/** Shown for someone whose name is blank. */
export const ANONYMOUS = 'Anonymous';

/** A peer from an awareness state, or null if the state does not fit the presence schema. */
export function peerFromState(clientId: number, raw: unknown, selfId: number): Peer | null {
  const state = parsePresenceState(raw);
  if (!state) return null;
  // A stock Yjs client (the /yjs endpoint) may publish `{}`: still a person, without a name.
  const user = state.user ?? { name: '', color: '#868e96' };
  return {
    clientId,
    userId: user.id ?? null,
    name: user.name.trim() || ANONYMOUS,
    color: user.color,
    cursor: state.cursor,
    isSelf: clientId === selfId,
    idle: state.idle === true,
    selection: state.selection,
    follow: state.follow ?? null,
    view: state.view ?? null,
    preview: state.preview ?? null,
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

/** Whether two lists show the same people alike: names, colours, idle state (not cursors). */
export function sameRoster(a: readonly Peer[], b: readonly Peer[]): boolean {
  return (
    a.length === b.length &&
    a.every((peer, i) => {
      const other = b[i]!;
      return peer.clientId === other.clientId && peer.name === other.name && peer.color === other.color && peer.idle === other.idle;
    })
  );
}

/** Whether two lists of cursors have the same people with the same labels (positions ignored). */
export function sameLabels(a: readonly Peer[], b: readonly Peer[]): boolean {
  return (
    a.length === b.length &&
    a.every((peer, i) => peer.clientId === b[i]!.clientId && peer.name === b[i]!.name && peer.color === b[i]!.color)
  );
}
