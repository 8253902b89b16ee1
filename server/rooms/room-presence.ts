/**
 * The presence of one open board: who owns which awareness client id, what changed this tick, and
 * the tick's presence batch for the fan-out (fan-out.ts) and for the other instances (the outbox).
 *
 * A connection may set and remove only the clients it introduced; a browser that reconnects
 * before its old socket is noticed gone claims its ids from the new socket, and the claim takes
 * effect when the old socket goes. People on other instances are owned by a remote socket id per
 * instance (room-outbox.ts).
 */
import * as awarenessProtocol from 'y-protocols/awareness';
import { type AwarenessEntry, type CursorEntry, encodeAwarenessEntries, encodeCursorEntries, MAX_PRESENCE_CLIENTS_PER_CONNECTION } from '../../lib/protocol';
import { applyCursorEntries, cursorEntryOf } from '../../lib/presence/cursor-updates';
import { parsePresenceState } from '../../lib/presence/schema';
import { awarenessMessages } from './awareness-messages';
import { CursorSettling } from './cursor-settling';
import type { PresenceBatch } from './fan-out';
import { type AwarenessOrigin, type CursorsOrigin, isAwarenessOrigin, isCursorsOrigin } from './origins';
import { isRemoteSocket, remoteSocketId, type RoomOutbox } from './room-outbox';

export class RoomPresence {
  private readonly clientsBySocket = new Map<string, Set<number>>();
  /** Ids another socket owns, claimed by a socket (the last claim of each): see apply. */
  private readonly claims = new Map<number, { socketId: string; entry: AwarenessEntry }>();
  private readonly socketByClient = new Map<number, string>();
  /** Clients whose presence changed this tick beyond the cursor, and those who only moved. */
  private readonly changedStates = new Set<number>();
  private readonly movedCursors = new Set<number>();
  /** This instance's own people whose presence changed this tick (full, or the cursor alone), for the outbox. */
  private readonly relayStates = new Set<number>();
  private readonly relayCursors = new Set<number>();
  /** Positions sent only as droppable cursor entries, sent again reliably once people stop. */
  private readonly cursorSettling: CursorSettling;

  constructor(
    private readonly awareness: awarenessProtocol.Awareness,
    /** Where this instance's people's changes go besides its own sockets (other instances), if anywhere. */
    private readonly outbox: RoomOutbox | null,
    /** Called when the next tick has presence to carry. */
    private readonly onChanged: () => void,
  ) {
    this.cursorSettling = new CursorSettling(onChanged);
    this.awareness.on('update', this.onAwarenessUpdate);
  }

  /**
   * Applies awareness entries sent by a socket. A connection may set and remove only the clients
   * it introduced, at most MAX_PRESENCE_CLIENTS_PER_CONNECTION of them; entries for any other
   * client are dropped, whatever their clock (a newer clock for someone else's client would
   * otherwise rename that person for everyone). A state that does not match the presence schema
   * is dropped too (the others never see it); the rest is cleaned (names clamped) and applied.
   * The clients' presence goes when the socket goes.
   *
   * Stock Yjs providers send back every state they receive: those entries are other sockets'
   * clients, so they are dropped. A browser that reconnects before the server noticed its old
   * socket drop claims its own id from a new socket: the last such claim is kept (one per id, and
   * within the new socket's count) and takes effect when the owner goes, never before.
   */
  apply(entries: readonly AwarenessEntry[], socketId: string): { dropped: number } {
    const owned = this.clientsBySocket.get(socketId)?.size ?? 0;
    const introduced = new Set<number>();
    const accepted: AwarenessEntry[] = [];
    for (const entry of entries) {
      const owner = this.socketByClient.get(entry.clientID);
      if (owner !== undefined && owner !== socketId) {
        const claims = [...this.claims.values()].filter((claim) => claim.socketId === socketId && claim.entry.clientID !== entry.clientID).length;
        if (entry.state !== null && owned + claims < MAX_PRESENCE_CLIENTS_PER_CONNECTION) this.claims.set(entry.clientID, { socketId, entry });
        continue;
      }
      const isNew = owner === undefined;
      if (isNew && (entry.state === null || (!introduced.has(entry.clientID) && owned + introduced.size >= MAX_PRESENCE_CLIENTS_PER_CONNECTION))) continue;
      const state = entry.state === null ? null : parsePresenceState(entry.state);
      if (entry.state !== null && !state) continue;
      if (isNew) introduced.add(entry.clientID);
      accepted.push({ ...entry, state });
    }
    for (const clientID of introduced) this.own(socketId, clientID);
    if (accepted.length > 0) {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(accepted), { socketId });
    }
    return { dropped: entries.length - accepted.length };
  }

  /**
   * Applies cursor moves sent by a socket. Only the socket's own clients move, and only those
   * whose full state the room has; other entries are dropped.
   */
  applyCursors(entries: readonly CursorEntry[], socketId: string): { dropped: number } {
    const owned = entries.filter((entry) => this.socketByClient.get(entry.clientID) === socketId);
    const origin: CursorsOrigin = { socketId, cursorsOnly: true };
    const applied = owned.length > 0 ? applyCursorEntries(this.awareness, owned, origin) : [];
    return { dropped: entries.length - applied.length };
  }

  /** The full awareness of the board, for a socket that just joined (no message if nobody is there). */
  encodeFull(): Uint8Array[] {
    return awarenessMessages(this.awareness, [...this.awareness.getStates().keys()]);
  }

  /** Removes a socket's people (seen by the others within one tick); ids claimed meanwhile go to their claimant. */
  removeSocket(socketId: string): void {
    const clients = this.clientsBySocket.get(socketId);
    this.clientsBySocket.delete(socketId);
    for (const [clientID, claim] of this.claims) if (claim.socketId === socketId) this.claims.delete(clientID);
    if (!clients) return;
    for (const clientID of clients) this.socketByClient.delete(clientID);
    awarenessProtocol.removeAwarenessStates(this.awareness, [...clients], { socketId });
    // Ids claimed by another socket meanwhile (their browser reconnected) go to it now.
    for (const clientID of clients) {
      const claim = this.claims.get(clientID);
      if (!claim) continue;
      this.claims.delete(clientID);
      this.apply([{ ...claim.entry, clock: this.nextClock(clientID, claim.entry.clock) }], claim.socketId);
    }
  }

  /**
   * Applies the presence of people on another instance: full states (arrivals, changes, departures)
   * and cursor moves. That instance checked them; here it owns those client ids, unless a socket of
   * this instance owns one (a browser that moved here: its own socket wins). Clocks are taken past
   * this room's, since its sockets' clients judge by this room's clocks.
   */
  applyRemote(instanceId: string, full: readonly AwarenessEntry[], cursors: readonly CursorEntry[]): void {
    const owner = remoteSocketId(instanceId);
    const accepted: AwarenessEntry[] = [];
    for (const entry of full) {
      const current = this.socketByClient.get(entry.clientID);
      if (current !== undefined && current !== owner && !isRemoteSocket(current)) continue;
      if (entry.state === null) {
        if (current !== owner) continue;
        this.disown(owner, entry.clientID);
      } else if (current !== owner) {
        if (current !== undefined) this.disown(current, entry.clientID);
        this.own(owner, entry.clientID);
      }
      accepted.push({ ...entry, clock: this.nextClock(entry.clientID, entry.clock) });
    }
    if (accepted.length > 0) awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(accepted), { socketId: owner } satisfies AwarenessOrigin);
    const moved = cursors.filter((entry) => this.socketByClient.get(entry.clientID) === owner).map((entry) => ({ ...entry, clock: this.nextClock(entry.clientID, entry.clock) }));
    if (moved.length > 0) applyCursorEntries(this.awareness, moved, { socketId: owner, cursorsOnly: true } satisfies CursorsOrigin);
  }

  /** The full presence of this instance's own people, for an instance that asks (null if none). */
  local(): Uint8Array | null {
    const local = [...this.socketByClient].filter(([clientID, socketId]) => !isRemoteSocket(socketId) && this.awareness.meta.has(clientID)).map(([clientID]) => clientID);
    return local.length > 0 ? awarenessProtocol.encodeAwarenessUpdate(this.awareness, local) : null;
  }

  /** The tick's presence for the fan-out (null if nothing changed); hands this instance's own changes to the outbox first. */
  take(): PresenceBatch | null {
    this.relay();
    const full = [...this.changedStates];
    // A full state carries the cursor too, reliably.
    for (const id of full) this.cursorSettling.forget(id);
    const settledIds = this.cursorSettling.takeSettled();
    const settled = settledIds.length > 0;
    const moved = [...new Set([...this.movedCursors, ...settledIds])].filter((id) => !this.changedStates.has(id));
    this.changedStates.clear();
    this.movedCursors.clear();
    if (full.length === 0 && moved.length === 0) return null;
    const cursors = moved.flatMap((id) => cursorEntryOf(this.awareness, id) ?? []);
    let standard: Uint8Array[] | null = null;
    return {
      full: full.length > 0 ? awarenessProtocol.encodeAwarenessUpdate(this.awareness, full) : null,
      cursors: cursors.length > 0 ? encodeCursorEntries(cursors) : null,
      mayDrop: full.length === 0 && !settled,
      standard: () => (standard ??= awarenessMessages(this.awareness, [...full, ...moved])),
    };
  }

  destroy(): void {
    this.cursorSettling.destroy();
    this.awareness.off('update', this.onAwarenessUpdate);
  }

  private nextClock(clientID: number, clock: number): number {
    return Math.max(clock, (this.awareness.meta.get(clientID)?.clock ?? 0) + 1);
  }

  private disown(socketId: string, clientID: number): void {
    this.socketByClient.delete(clientID);
    this.clientsBySocket.get(socketId)?.delete(clientID);
  }

  private own(socketId: string, clientID: number): void {
    this.socketByClient.set(clientID, socketId);
    let clients = this.clientsBySocket.get(socketId);
    if (!clients) this.clientsBySocket.set(socketId, (clients = new Set()));
    clients.add(clientID);
  }

  private readonly onAwarenessUpdate = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void => {
    // What this instance's own sockets changed goes to the other instances too, once per tick.
    if (this.outbox && isAwarenessOrigin(origin) && !isRemoteSocket(origin.socketId)) {
      if (isCursorsOrigin(origin)) for (const id of updated) this.relayCursors.add(id);
      else for (const id of [...added, ...updated, ...removed]) this.relayStates.add(id);
    }
    if (isCursorsOrigin(origin)) {
      for (const id of updated) this.movedCursors.add(id);
      this.cursorSettling.moved(updated);
    } else {
      for (const id of [...added, ...updated, ...removed]) this.changedStates.add(id);
    }
    if (this.changedStates.size > 0 || this.movedCursors.size > 0) this.onChanged();
  };

  /** Hands the tick's presence changes of this instance's own people to the outbox. */
  private relay(): void {
    if (!this.outbox || (this.relayStates.size === 0 && this.relayCursors.size === 0)) return;
    const full = [...this.relayStates];
    const cursors = [...this.relayCursors].filter((id) => !this.relayStates.has(id)).flatMap((id) => cursorEntryOf(this.awareness, id) ?? []);
    this.relayStates.clear();
    this.relayCursors.clear();
    this.outbox.presenceChanged(full.length > 0 ? awarenessProtocol.encodeAwarenessUpdate(this.awareness, full) : null, cursors.length > 0 ? encodeCursorEntries(cursors) : null);
  }
}
