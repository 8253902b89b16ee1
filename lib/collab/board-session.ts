/**
 * One open board in the browser: the Y.Doc, its editor, and (between `start` and its returned
 * stop) the awareness and the connection to the server. Framework-free; React subscribes to it
 * through `subscribe` and the snapshot getters, which return the same object until it changes.
 */
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Point } from '../geometry/types';
import type { Identity } from '../local/identity';
import { colorFor, parsePresenceState, type PresenceState, type PresenceUser } from '../presence/schema';
import { BoardProvider, type ProviderStatus } from '../sync/board-provider';
import { Editor } from '../editor/editor';
import { LASER_FADE_MS, laserToWire } from '../editor/laser';
import { type ConnectionLabel, connectionLabel } from './connection';
import { ANONYMOUS, type Peer, peerFromState, sameCursors, sameRoster, sortPeers } from './peers';

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}

export class BoardSession {
  readonly doc = new Y.Doc();
  readonly editor: Editor;
  private readonly url: string;
  private readonly boardId: string;
  private user: PresenceUser;
  private awareness: Awareness | null = null;
  private provider: BoardProvider | null = null;
  private status: ProviderStatus = 'connecting';
  private networkOnline = true;
  private readonly peers = new Map<number, Peer>();
  private roster: Peer[] = [];
  private remoteCursors: Peer[] = [];
  private readonly listeners = new Set<() => void>();

  constructor(options: { url: string; boardId: string; identity: Identity }) {
    this.url = options.url;
    this.boardId = options.boardId;
    this.user = { name: options.identity.name, color: colorFor(options.identity.userId) };
    this.editor = new Editor({ doc: this.doc, userId: options.identity.userId });
  }

  /** Connects and publishes presence; the returned function disconnects (the doc stays). */
  start(): () => void {
    const awareness = new Awareness(this.doc);
    const state: PresenceState = { user: this.user, cursor: null, selection: [...this.editor.getState().selection] };
    awareness.setLocalState(state);
    awareness.on('change', this.onAwarenessChange);
    this.awareness = awareness;
    this.onAwarenessChange({ added: [awareness.clientID], updated: [], removed: [] });

    const provider = new BoardProvider({ url: this.url, boardId: this.boardId, doc: this.doc, awareness });
    this.provider = provider;
    const stopStatus = provider.onStatus(this.setStatus);
    this.setStatus(provider.status);
    if (!this.networkOnline) provider.setNetworkOnline(false);

    const stopSelection = this.editor.subscribe(this.publishSelection);
    const stopLaser = this.editor.onLaserChange(this.publishLaser);
    return () => {
      stopSelection();
      stopLaser();
      if (this.laserTimer) clearTimeout(this.laserTimer);
      stopStatus();
      provider.destroy();
      awareness.off('change', this.onAwarenessChange);
      awareness.destroy();
      this.provider = null;
      this.awareness = null;
      this.peers.clear();
      this.refreshPeers();
    };
  }

  destroy(): void {
    this.editor.destroy();
    this.doc.destroy();
    this.listeners.clear();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getConnection = (): ConnectionLabel => connectionLabel(this.status, this.networkOnline);

  /** Everyone connected, oneself included (and first). */
  getRoster = (): readonly Peer[] => this.roster;

  /** Other people whose pointer is over the canvas. */
  getRemoteCursors = (): readonly Peer[] => this.remoteCursors;

  /** Publishes a new display name at once (a blank one shows as "Anonymous"). */
  setName(name: string): void {
    this.user = { ...this.user, name: name.trim() || ANONYMOUS };
    this.awareness?.setLocalStateField('user', this.user);
  }

  /** The own pointer in board coordinates, or null when it leaves the canvas. */
  setCursor(point: Point | null): void {
    this.awareness?.setLocalStateField('cursor', point);
  }

  /** What the browser knows of the network (the window's online and offline events). */
  setNetworkOnline(online: boolean): void {
    if (online === this.networkOnline) return;
    this.networkOnline = online;
    this.provider?.setNetworkOnline(online);
    this.emit();
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }

  private readonly setStatus = (status: ProviderStatus): void => {
    if (status === this.status) return;
    this.status = status;
    this.emit();
  };

  private readonly publishSelection = (): void => {
    const selection = this.editor.getState().selection;
    const published: unknown = this.awareness?.getLocalState()?.selection;
    if (this.awareness && published !== selection) this.awareness.setLocalStateField('selection', selection);
  };

  private laserTimer: ReturnType<typeof setTimeout> | null = null;

  /** Publishes the own laser trail; once it has faded, publishes it empty. */
  private readonly publishLaser = (): void => {
    const publish = () => this.awareness?.setLocalStateField('laser', laserToWire(this.editor.laserTrail(), performance.now()));
    publish();
    if (this.laserTimer) clearTimeout(this.laserTimer);
    this.laserTimer = setTimeout(publish, LASER_FADE_MS + 50);
  };

  private readonly onAwarenessChange = ({ added, updated, removed }: AwarenessChange): void => {
    const awareness = this.awareness;
    if (!awareness) return;
    const states = awareness.getStates();
    for (const id of removed) {
      this.peers.delete(id);
      this.editor.setRemoteLaser(String(id), '', null);
    }
    for (const id of [...added, ...updated]) {
      const peer = peerFromState(id, states.get(id), awareness.clientID);
      if (peer) this.peers.set(id, peer);
      else this.peers.delete(id);
      if (peer && !peer.isSelf) this.editor.setRemoteLaser(String(id), peer.color, parsePresenceState(states.get(id))?.laser ?? null);
    }
    this.refreshPeers();
  };

  private refreshPeers(): void {
    const all = sortPeers(this.peers.values());
    const cursors = all.filter((peer) => !peer.isSelf && peer.cursor !== null);
    const rosterChanged = !sameRoster(all, this.roster);
    const cursorsChanged = !sameCursors(cursors, this.remoteCursors);
    if (rosterChanged) this.roster = all;
    if (cursorsChanged) this.remoteCursors = cursors;
    if (rosterChanged || cursorsChanged) this.emit();
  }
}
