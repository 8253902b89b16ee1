/**
 * Live sync between instances through Redis: the RoomManager's BoardFeed when REDIS_URL is set.
 *
 * Each board an instance holds has a channel (`<prefix>board:<id>`). What the instance's own
 * people change goes there once it is settled here: an update once stored (persist, then
 * publish), presence once per tick. The other instances holding the board apply it to their
 * rooms, which send it to their sockets on both transports, and neither store nor relay it again.
 *
 * Faults are repaired from the store, which holds every update any instance acknowledged:
 *   - a relayed update that builds on one this instance never got: read the store;
 *   - Redis back after an outage: every instance reads the store for each of its boards, says
 *     `resync` (the others read it too: this one's appends may have landed after their read) and
 *     `hello` (the others send their people's presence, and this one sends its own);
 *   - an instance gone silent (killed, frozen, cut off): its people leave the boards, and the
 *     store is read (it may have stored edits it never got to publish).
 * So no instance ever waits for another, or for Redis: a slow one lags alone, and Redis drops a
 * subscriber that falls too far behind, which then reconnects and catches up like after an outage.
 */
import type { RelayConfig } from '../config';
import type { Logger } from '../log';
import type { BoardFeed } from '../rooms/room-manager';
import { BoardDeletedError, type DocStore } from '../store/doc-store';
import { BoardChannel } from './board-channel';
import { InstanceWatch } from './instance-watch';
import { recordRelayLag } from '../metrics/metrics';
import { decodeRelayMessage, encodeRelayMessage, type RelayMessage } from './relay-message';
import { RedisLink } from './redis-link';

export interface RelayOptions {
  config: RelayConfig;
  store: DocStore;
  log: Logger;
  /** AUTO_VERSION_EVERY_MS: an instance that keeps an automatic version holds the claim this long. */
  versionEveryMs: number;
  /** Another instance deleted a board: its sockets here are told and closed, and it leaves memory. */
  onBoardDeleted(boardId: string): void;
}

/** The shortest claim on a board's automatic version, so that instances seeing one edit agree. */
const MIN_VERSION_CLAIM_MS = 1_000;

export class RedisRelay implements BoardFeed {
  private readonly link: RedisLink;
  private readonly watch: InstanceWatch;
  private readonly channels = new Map<string, BoardChannel>();
  /** Boards being caught up from the store, and whether another read is due after the current one. */
  private readonly catchingUp = new Map<string, { again: boolean }>();
  private readonly instanceId: string;
  private readonly prefix: string;
  private readonly log: Logger;

  constructor(private readonly options: RelayOptions) {
    const { config, log } = options;
    this.instanceId = config.instanceId;
    this.prefix = config.prefix;
    this.log = log.child({ instance: config.instanceId });
    this.link = new RedisLink(config.redisUrl, { message: this.onMessage, up: this.onUp, down: () => undefined }, this.log);
    this.watch = new InstanceWatch(config.instanceId, config.heartbeatMs, config.instanceTimeoutMs, (text) => void this.link.publish(this.instancesChannel, Buffer.from(text)), {
      gone: this.onInstanceGone,
      returned: this.onInstanceReturned,
    });
    void this.link.subscribe(this.instancesChannel);
  }

  open(boardId: string): BoardChannel {
    const channel = new BoardChannel(boardId, {
      instanceId: this.instanceId,
      publish: (id, message) => this.publish(id, message),
      catchUp: (id) => this.catchUp(id),
      subscribe: (id) => this.link.subscribe(this.boardChannel(id)),
      closed: (closed) => {
        if (this.channels.get(closed.boardId) !== closed) return;
        this.channels.delete(closed.boardId);
        this.link.unsubscribe(this.boardChannel(closed.boardId));
      },
      log: this.log,
    });
    this.channels.set(boardId, channel);
    return channel;
  }

  async claimVersion(boardId: string): Promise<boolean> {
    const ttl = Math.max(this.options.versionEveryMs, MIN_VERSION_CLAIM_MS);
    // Redis out of reach: keep it here; a version twice beats none.
    return (await this.link.setIfAbsent(`${this.prefix}version:${boardId}`, this.instanceId, ttl)) ?? true;
  }

  /** This instance is deleting a board: the others close its sockets too. */
  boardDeleted(boardId: string): void {
    this.publish(boardId, { kind: 'deleted', origin: this.instanceId });
  }

  /** Resolves if Redis answers now (for /readyz). */
  ping(): Promise<void> {
    return this.link.ping();
  }

  async close(): Promise<void> {
    this.watch.stop();
    // The goodbye goes out before the connections close (stop() publishes it).
    await new Promise((resolve) => setImmediate(resolve));
    await this.link.close();
  }

  private get instancesChannel(): string {
    return `${this.prefix}instances`;
  }

  private boardChannel(boardId: string): string {
    return `${this.prefix}board:${boardId}`;
  }

  private publish(boardId: string, message: RelayMessage): void {
    void this.link.publish(this.boardChannel(boardId), encodeRelayMessage(message)).then((sent) => {
      // A stored update the others did not get: they catch up from the store once told (at once
      // if the link is still up; otherwise everyone does when it comes back).
      if (!sent && message.kind === 'update' && this.link.isUp) {
        setTimeout(() => this.publish(boardId, { kind: 'resync', origin: this.instanceId }), this.options.config.heartbeatMs).unref();
      }
    });
  }

  private readonly onMessage = (channel: string, payload: Uint8Array): void => {
    if (channel === this.instancesChannel) {
      this.watch.heard(Buffer.from(payload).toString());
      return;
    }
    const boardId = channel.slice(`${this.prefix}board:`.length);
    let message: RelayMessage;
    try {
      message = decodeRelayMessage(payload);
    } catch (error) {
      this.log.warn({ err: error, boardId }, 'dropped a relay message that does not decode');
      return;
    }
    if (message.origin === this.instanceId) return;
    this.watch.noteAlive(message.origin);
    // Across machines this includes their clocks' difference: NTP keeps it to milliseconds.
    if (message.kind === 'update') recordRelayLag(Math.max(0, Date.now() - message.sentAt) / 1000);
    if (message.kind === 'deleted') {
      this.options.onBoardDeleted(boardId);
      return;
    }
    try {
      this.channels.get(boardId)?.receive(message);
    } catch (error) {
      this.log.error({ err: error, boardId, origin: message.origin, kind: message.kind }, 'could not apply a relay message: catching up from the store');
      this.catchUp(boardId);
    }
  };

  private readonly onUp = (): void => {
    this.watch.beat();
    for (const channel of this.channels.values()) {
      if (!channel.attachedRoom) continue;
      this.catchUp(channel.boardId);
      channel.announcePresence();
      this.publish(channel.boardId, { kind: 'hello', origin: this.instanceId });
      this.publish(channel.boardId, { kind: 'resync', origin: this.instanceId });
    }
  };

  private readonly onInstanceGone = (instanceId: string): void => {
    this.log.warn({ gone: instanceId }, 'an instance went silent: its people leave the boards, and the store is read for what it stored');
    for (const channel of this.channels.values()) {
      channel.attachedRoom?.dropInstance(instanceId);
      if (channel.attachedRoom) this.catchUp(channel.boardId);
    }
  };

  private readonly onInstanceReturned = (instanceId: string): void => {
    this.log.info({ returned: instanceId }, 'an instance counted gone speaks again');
    for (const channel of this.channels.values()) {
      if (!channel.attachedRoom) continue;
      channel.announcePresence();
      this.publish(channel.boardId, { kind: 'hello', origin: this.instanceId });
    }
  };

  /** Reads the board from the store and applies what the room lacks; one read at a time per board. */
  private catchUp(boardId: string): void {
    const running = this.catchingUp.get(boardId);
    if (running) {
      running.again = true;
      return;
    }
    const state = { again: false };
    this.catchingUp.set(boardId, state);
    void (async () => {
      do {
        state.again = false;
        try {
          const stored = await this.options.store.load(boardId);
          if (stored) this.channels.get(boardId)?.attachedRoom?.catchUp(stored);
        } catch (error) {
          if (!(error instanceof BoardDeletedError)) this.log.error({ err: error, boardId }, 'could not catch a board up from the store');
        }
      } while (state.again && this.channels.has(boardId));
      this.catchingUp.delete(boardId);
    })();
  }
}
