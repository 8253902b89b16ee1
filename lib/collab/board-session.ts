/**
 * One open board in the browser: the Y.Doc, its editor and chat, the copy kept in the browser,
 * and (between `start` and its returned stop) the awareness and the connection to the server.
 * Framework-free; React subscribes through `subscribe` and the snapshot getters, which return the
 * same object until it changes. Canvas-like consumers (cursors, the presence layer) listen to
 * every awareness change through `onPeersChange` instead, without React renders.
 */
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Point } from '../geometry/types';
import { type AccessRefusal, accessRefusalOf } from '../access/refusal';
import { colorFor, MAX_SHARED_SELECTION, parsePresenceState, type PresenceState, type PresenceUser } from '../presence/schema';
import { NoticeStore } from '../notices/notice-store';
import { BoardProvider, type ProviderStatus } from '../sync/board-provider';
import { isFinalRefusal } from '../sync/server-close';
import { Editor, type ViewportSource } from '../editor/editor';
import { getShapesMap } from '../board/doc';
import { migratePoints } from '../board/points-migration';
import { migrateTexts } from '../board/text';
import { ChatLog } from './chat';
import { type ConnectionLabel, connectionLabel } from './connection';
import { hasFollowers, type Size, sameViewport, viewportFollowing, viewRectOf } from './follow';
import { publishGestures } from './gesture-presence';
import { IDLE_AFTER_MS, IdleTracker, systemClock } from './idle';
import { PeerDirectory } from './peer-directory';
import { ANONYMOUS, type Peer } from './peers';
import { noticeTexts, rosterChanges } from './roster-notices';
import type { AwarenessChange, BoardSessionOptions, Following, ProviderFactory, SessionProvider } from './session-types';
import type { BoardAccess } from '../access/kept-access';
import type { StorageLike } from '../local/storage';
import type { LocalCopyFactory } from '../sync/local-copy';
import { msg } from '../i18n';

export type { BoardSessionOptions, Following, ProviderFactory, SessionProvider } from './session-types';

/** How long after the board is synced stored shapes of older forms are converted (after its first paint). */
const MIGRATE_AFTER_SYNC_MS = 500;
const round1 = (value: number) => Math.round(value * 10) / 10;
const sharedSelection = (selection: readonly string[]): string[] => selection.slice(0, MAX_SHARED_SELECTION);

export class BoardSession {
  readonly doc = new Y.Doc();
  readonly editor: Editor;
  readonly chat: ChatLog;
  readonly boardId: string;
  readonly userId: string;
  /** The page's messages: arrivals and departures, refusals, and what the editor reports. */
  readonly notices = new NoticeStore();
  private readonly url: string;
  private readonly localCopyFactory: LocalCopyFactory | undefined;
  private readonly storage: StorageLike | null;
  private user: PresenceUser;
  private awareness: Awareness | null = null;
  private provider: SessionProvider | null = null;
  private readonly createProvider: ProviderFactory;
  private readonly idleAfterMs: number;
  private reactionPending = false;
  /** Whether the chat's read marker has a starting point (stored, or set at the first sync). */
  private chatBaselined: boolean;
  private status: ProviderStatus = 'connecting';
  private networkOnline = true;
  private readonly peers = new PeerDirectory();
  private following: Following | null = null;
  /** The editor's selection as last published (what is published may be its first part). */
  private publishedSelection: readonly string[] | null = null;
  private followed = false;
  private size: Size = { width: 0, height: 0 };
  private readonly listeners = new Set<() => void>();
  private readonly peerListeners = new Set<() => void>();
  readonly access: BoardAccess;
  private accessRefusal: AccessRefusal = null;
  private migrationTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(options: BoardSessionOptions) {
    this.url = options.url;
    this.boardId = options.boardId;
    this.userId = options.identity.userId;
    this.localCopyFactory = options.localCopy;
    this.idleAfterMs = options.idleAfterMs ?? IDLE_AFTER_MS;
    this.storage = options.storage ?? null;
    this.createProvider = options.provider ?? ((providerOptions) => new BoardProvider(providerOptions));
    this.user = { name: options.identity.name, color: colorFor(options.identity.userId), id: options.identity.userId };
    this.editor = new Editor({ doc: this.doc, userId: options.identity.userId, notices: this.notices });
    this.access = options.access ?? { role: 'bare', token: null };
    // Only what the server accepts is offered: a viewer's edits would be refused anyway.
    if (this.access.role === 'view') this.editor.setReadOnly(true);
    this.chat = new ChatLog(this.doc);
    const marker = this.storage?.getItem(this.chatMarkerKey) ?? null;
    if (marker) this.chat.setReadMarker(marker);
    this.chatBaselined = marker !== null;
    this.chat.subscribe(this.saveChatMarker);
  }

  /** Opens the board (the local copy, then the server) and publishes presence; the returned function disconnects. */
  start(): () => void {
    const awareness = new Awareness(this.doc);
    this.publishedSelection = this.editor.getState().selection;
    const state: PresenceState = { user: this.user, cursor: null, selection: sharedSelection(this.publishedSelection) };
    awareness.setLocalState(state);
    awareness.on('change', this.onAwarenessChange);
    this.awareness = awareness;
    this.onAwarenessChange({ added: [awareness.clientID], updated: [], removed: [] });

    const localCopy = this.localCopyFactory?.(this.boardId, this.doc);
    const provider = this.createProvider({ url: this.url, boardId: this.boardId, token: this.access.token, doc: this.doc, awareness, connect: false, localCopy });
    this.provider = provider;
    const stopStatus = provider.onStatus(this.setStatus);
    const stopErrors = provider.onError((error) => {
      // Reconnecting to a deleted board, or reloading it, would bring it back from this copy.
      const refusal = accessRefusalOf(error.code);
      if (refusal) this.refuseAccess(refusal);
      else if (error.code === 'board-deleted') void localCopy?.clear();
      else if (isFinalRefusal(error.code)) this.notices.push('error', msg('notices.refusedChange', { reason: error.message }));
    });
    provider.setNetworkOnline(this.networkOnline);
    provider.connect();
    this.setStatus(provider.status);

    const idle = new IdleTracker((isIdle) => this.setOwn('idle', isIdle ? true : undefined), systemClock, this.idleAfterMs);
    this.activity = () => idle.activity();
    const stops = [
      this.editor.subscribe(this.publishSelection),
      this.editor.onViewportChange(this.onViewport),
      publishGestures(this.editor, awareness, () => this.provider?.flushAwareness()),
    ];
    return () => {
      for (const stop of stops) stop();
      idle.destroy();
      this.activity = () => {};
      stopStatus();
      stopErrors();
      this.cancelMigration();
      provider.destroy();
      localCopy?.destroy();
      awareness.off('change', this.onAwarenessChange);
      awareness.destroy();
      this.provider = null;
      this.awareness = null;
      this.following = null;
      this.peers.clear();
      this.refreshPeers();
    };
  }

  destroy(): void {
    this.cancelMigration();
    this.notices.destroy();
    this.chat.destroy();
    this.editor.destroy();
    this.doc.destroy();
    this.listeners.clear();
    this.peerListeners.clear();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Called on every awareness change (cursor moves included): for painting, not for React. */
  onPeersChange(listener: () => void): () => void {
    this.peerListeners.add(listener);
    return () => this.peerListeners.delete(listener);
  }

  getConnection = (): ConnectionLabel => connectionLabel(this.status, this.networkOnline);

  /** Why the server refused this page's link (null while it has not). */
  getAccessRefusal = (): AccessRefusal => this.accessRefusal;

  private refuseAccess(refusal: AccessRefusal): void {
    // Keep the first reason: a reset link is then refused at every reconnect as "no access".
    if (this.accessRefusal) return;
    this.accessRefusal = refusal;
    this.editor.setReadOnly(true);
    this.emit();
  }

  /** Resolves once the board is synced with the server (at once if it is). */
  whenSynced(): Promise<void> {
    return new Promise((resolve) => {
      if (this.status === 'synced') return resolve();
      const stop = this.subscribe(() => {
        if (this.status !== 'synced') return;
        stop();
        resolve();
      });
    });
  }

  /** Everyone connected, oneself included (and first). */
  getRoster = (): readonly Peer[] => this.peers.roster;

  /** Other people whose pointer is over the canvas (positions move without a new array). */
  getCursorPeers = (): readonly Peer[] => this.peers.cursorPeers;

  /** Everyone else, with their latest state: read when painting. */
  getRemotePeers = (): readonly Peer[] => this.peers.remotePeers;

  getFollowing = (): Following | null => this.following;

  /** The latest presence of one person. */
  peer(clientId: number): Peer | undefined {
    return this.peers.get(clientId);
  }

  /** Records input (pointer, keys): a minute without any marks the user idle. */
  activity: () => void = () => {};

  /** Publishes a new display name at once (a blank one shows as "Anonymous"). */
  setName(name: string): void {
    this.user = { ...this.user, name: name.trim() || ANONYMOUS };
    this.setOwn('user', this.user);
  }

  /** The own pointer in board coordinates, or null when it leaves the canvas. */
  setCursor(point: Point | null): void {
    const cursor = point && { x: round1(point.x), y: round1(point.y) };
    const current = this.awareness?.getLocalState()?.cursor as Point | null | undefined;
    if (cursor?.x === current?.x && cursor?.y === current?.y) return;
    this.setOwn('cursor', cursor);
  }

  /** The canvas's CSS size: what the own view covers, for followers and for following. */
  setCanvasSize(size: Size): void {
    if (size.width === this.size.width && size.height === this.size.height) return;
    this.size = size;
    this.publishView();
    this.applyFollowedView();
  }

  /** What the browser knows of the network (the window's online and offline events). */
  setNetworkOnline(online: boolean): void {
    if (online === this.networkOnline) return;
    this.networkOnline = online;
    this.provider?.setNetworkOnline(online);
    this.emit();
  }

  /** Makes the own viewport track another person's until the user pans, zooms or stops it. */
  follow(clientId: number): void {
    const peer = this.peers.get(clientId);
    if (!peer || peer.isSelf) return;
    this.following = { clientId, name: peer.name, color: peer.color };
    this.setOwn('follow', clientId);
    this.applyFollowedView();
    this.emit();
  }

  stopFollowing(): void {
    if (!this.following) return;
    this.following = null;
    this.setOwn('follow', undefined);
    this.emit();
  }

  private get chatMarkerKey(): string {
    return `tabula:chat-read:${this.boardId}`;
  }

  private readonly saveChatMarker = (): void => {
    const marker = this.chat.readMarker;
    if (marker) this.storage?.setItem(this.chatMarkerKey, marker);
  };

  private setOwn(field: keyof PresenceState, value: unknown): void {
    this.awareness?.setLocalStateField(field, value);
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }

  private readonly setStatus = (status: ProviderStatus): void => {
    if (status === this.status) return;
    this.status = status;
    // On a first visit the history counts as read; later visits keep their marker.
    if (status === 'synced' && !this.chatBaselined) {
      this.chatBaselined = true;
      this.chat.markAllRead();
    }
    // A board stored before texts were Y.Texts, or before points were packed, is converted once
    // it is all here (a read-only page cannot write, and reads both kinds anyway).
    // After the first paint: the scan reads every shape (half a second on 50,000 of them).
    if (status === 'synced' && !this.migrationTimer) this.migrationTimer = setTimeout(this.migrate, MIGRATE_AFTER_SYNC_MS);
    this.emit();
  };

  private cancelMigration(): void {
    if (this.migrationTimer) clearTimeout(this.migrationTimer);
    this.migrationTimer = null;
  }

  private readonly migrate = (): void => {
    this.migrationTimer = null;
    if (this.status !== 'synced' || this.editor.getState().readOnly) return;
    migrateTexts(getShapesMap(this.doc));
    migratePoints(getShapesMap(this.doc));
  };

  private readonly publishSelection = (): void => {
    const selection = this.editor.getState().selection;
    if (!this.awareness || selection === this.publishedSelection) return;
    this.publishedSelection = selection;
    this.awareness.setLocalStateField('selection', sharedSelection(selection));
  };

  private readonly onViewport = (_viewport: unknown, source: ViewportSource): void => {
    if (source === 'user') this.stopFollowing();
    this.publishView();
  };

  /** Publishes the own view while someone follows this person, and removes it when nobody does. */
  private publishView(): void {
    const published = this.awareness?.getLocalState()?.view;
    if (!this.followed) {
      if (published !== undefined) this.setOwn('view', undefined);
      return;
    }
    const view = viewRectOf(this.editor.viewport, this.size);
    if (view) this.setOwn('view', view);
  }

  private applyFollowedView(): void {
    if (!this.following) return;
    const view = this.peers.get(this.following.clientId)?.view;
    if (!view || !(this.size.width > 0 && this.size.height > 0)) return;
    const viewport = viewportFollowing(view, this.size);
    if (!sameViewport(viewport, this.editor.viewport)) this.editor.setViewport(viewport, 'follow');
  }

  private readonly onAwarenessChange = ({ added, updated, removed }: AwarenessChange): void => {
    const awareness = this.awareness;
    if (!awareness) return;
    const states = awareness.getStates();
    for (const id of removed) {
      this.peers.remove(id);
      this.editor.setRemoteLaser(String(id), '', null);
    }
    for (const id of [...added, ...updated]) {
      const peer = this.peers.update(id, states.get(id), awareness.clientID);
      if (peer && !peer.isSelf) this.editor.setRemoteLaser(String(id), peer.color, parsePresenceState(states.get(id))?.laser ?? null);
    }
    this.refreshPeers();
  };

  private refreshPeers(): void {
    const { rosterChanged, cursorsChanged, previousRoster } = this.peers.refresh();

    // Join and leave notices only while connected and synced: not for the people already there
    // when one arrives, nor for everyone "leaving" when the own connection drops.
    if (rosterChanged && this.status === 'synced' && this.provider?.connected) {
      for (const text of noticeTexts(rosterChanges(previousRoster, this.peers.roster))) this.notices.push('presence', text);
    }

    this.scheduleReaction();
    for (const listener of this.peerListeners) listener();
    if (rosterChanged || cursorsChanged) this.emit();
  }

  /**
   * What others' presence changes here: shapes they edit live are hidden from the static layer,
   * the own view is published while someone follows, a followed view is applied. Run once after
   * a burst of changes, outside the awareness event (it changes the own state, which would
   * re-enter it).
   */
  private scheduleReaction(): void {
    if (this.reactionPending) return;
    this.reactionPending = true;
    queueMicrotask(this.react);
  }

  private readonly react = (): void => {
    this.reactionPending = false;
    const remote = this.peers.remotePeers;
    const hidden = new Set<string>();
    for (const peer of remote) {
      if (peer.preview?.kind === 'edit') for (const shape of peer.preview.shapes) hidden.add(shape.id);
    }
    this.editor.setRemoteHidden(hidden);

    const selfId = this.awareness?.clientID ?? -1;
    const followed = hasFollowers(remote.map((peer) => peer.follow ?? undefined), selfId);
    if (followed !== this.followed) {
      this.followed = followed;
      this.publishView();
    }
    if (!this.following) return;
    const leader = this.peers.get(this.following.clientId);
    if (!leader) {
      this.stopFollowing();
      return;
    }
    if (leader.name !== this.following.name || leader.color !== this.following.color) {
      this.following = { clientId: leader.clientId, name: leader.name, color: leader.color };
      this.emit();
    }
    this.applyFollowedView();
  };
}
