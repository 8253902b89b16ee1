/**
 * One board's channel on one instance: the RoomManager's feed handle (room-manager.ts). It
 * publishes what the room hands over (updates once stored, presence once per tick) and applies
 * what the other instances publish. Until the room is attached (the board is being read from the
 * store) what arrives is held, then applied: the subscription comes first, so nothing stored
 * meanwhile is missed, and what the store already had is a no-op for Yjs.
 */
import { decodeAwarenessUpdate, decodeCursorEntries } from '../../lib/protocol';
import type { Logger } from '../log';
import type { BoardFeedHandle } from '../rooms/room-manager';
import type { Room } from '../rooms/room';
import type { RelayMessage } from './relay-message';

/** What a channel needs from the relay. */
export interface ChannelContext {
  instanceId: string;
  publish(boardId: string, message: RelayMessage): void;
  /** Reads the store and applies what the room lacks (coalesced per board). */
  catchUp(boardId: string): void;
  /** The link is up now (the subscription was made, or will be when it comes back). */
  subscribe(boardId: string): Promise<void>;
  closed(channel: BoardChannel): void;
  log: Logger;
}

/** Most messages held for a board while it loads; past it, the board catches up from the store instead. */
const MAX_HELD_MESSAGES = 10_000;

export class BoardChannel implements BoardFeedHandle {
  readonly ready: Promise<void>;
  private room: Room | null = null;
  private held: RelayMessage[] = [];
  private overflowed = false;

  constructor(
    readonly boardId: string,
    private readonly context: ChannelContext,
  ) {
    this.ready = context.subscribe(boardId);
  }

  get attachedRoom(): Room | null {
    return this.room;
  }

  attach(room: Room): void {
    this.room = room;
    const held = this.held;
    this.held = [];
    for (const message of held) this.receive(message);
    if (this.overflowed) this.context.catchUp(this.boardId);
    // Whoever is on the board elsewhere: tell us who you are.
    this.context.publish(this.boardId, { kind: 'hello', origin: this.context.instanceId });
  }

  close(): void {
    this.room = null;
    this.held = [];
    this.context.closed(this);
  }

  updateStored(update: Uint8Array, seq: number): void {
    this.context.publish(this.boardId, { kind: 'update', origin: this.context.instanceId, seq, sentAt: Date.now(), update });
  }

  presenceChanged(full: Uint8Array | null, cursors: Uint8Array | null): void {
    this.context.publish(this.boardId, { kind: 'presence', origin: this.context.instanceId, full, cursors });
  }

  compacted(upToSeq: number): void {
    this.context.publish(this.boardId, { kind: 'compacted', origin: this.context.instanceId, seq: upToSeq });
  }

  /** This instance's people on the board, in full (after a hello, or when coming back). */
  announcePresence(): void {
    const full = this.room?.localPresence() ?? null;
    if (full) this.context.publish(this.boardId, { kind: 'presence', origin: this.context.instanceId, full, cursors: null });
  }

  /** A message from another instance. */
  receive(message: RelayMessage): void {
    const room = this.room;
    if (!room) {
      if (this.held.length < MAX_HELD_MESSAGES) this.held.push(message);
      else this.overflowed = true;
      return;
    }
    switch (message.kind) {
      case 'update':
        if (!room.applyRemoteUpdate(message.update, message.seq, message.origin)) {
          this.context.log.warn({ boardId: this.boardId, origin: message.origin }, 'a relayed update builds on one this instance never got: catching up from the store');
          this.context.catchUp(this.boardId);
        }
        return;
      case 'presence':
        room.applyRemotePresence(message.origin, message.full ? decodeAwarenessUpdate(message.full) : [], message.cursors ? decodeCursorEntries(message.cursors) : []);
        return;
      case 'hello':
        this.announcePresence();
        return;
      case 'resync':
        this.context.catchUp(this.boardId);
        return;
      case 'compacted':
        room.noteCompacted(message.seq);
        return;
      case 'deleted':
        // Handled by the relay, for boards held or not.
        return;
    }
  }
}
