/**
 * The people on a board, kept up to date from awareness changes, and the lists the UI shows of
 * them. A list keeps its identity until what it shows changes (names, colours, idle state; not
 * cursor positions), so that React renders only then.
 */
import { type Peer, peerFromState, sameLabels, sameRoster, sortPeers } from './peers';

export interface PeerListsChange {
  rosterChanged: boolean;
  cursorsChanged: boolean;
  /** The roster before this refresh (for join and leave notices). */
  previousRoster: readonly Peer[];
}

export class PeerDirectory {
  private readonly peers = new Map<number, Peer>();
  /** Everyone connected, oneself included (and first). */
  roster: readonly Peer[] = [];
  /** Other people whose pointer is over the canvas (positions move without a new array). */
  cursorPeers: readonly Peer[] = [];
  /** Everyone else, with their latest state. */
  remotePeers: readonly Peer[] = [];

  get(clientId: number): Peer | undefined {
    return this.peers.get(clientId);
  }

  /** Takes a client's new awareness state; one that does not fit the schema removes them. */
  update(clientId: number, state: unknown, selfId: number): Peer | null {
    const peer = peerFromState(clientId, state, selfId);
    if (peer) this.peers.set(clientId, peer);
    else this.peers.delete(clientId);
    return peer;
  }

  remove(clientId: number): void {
    this.peers.delete(clientId);
  }

  clear(): void {
    this.peers.clear();
  }

  /** Rebuilds the lists after a batch of updates and removals. */
  refresh(): PeerListsChange {
    const all = sortPeers(this.peers.values());
    const remote = all.filter((peer) => !peer.isSelf);
    const cursors = remote.filter((peer) => peer.cursor !== null);
    const previousRoster = this.roster;
    const rosterChanged = !sameRoster(all, this.roster);
    const cursorsChanged = !sameLabels(cursors, this.cursorPeers);
    if (rosterChanged) this.roster = all;
    if (cursorsChanged) this.cursorPeers = cursors;
    this.remotePeers = remote;
    return { rosterChanged, cursorsChanged, previousRoster };
  }
}
