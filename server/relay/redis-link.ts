/**
 * The instance's two connections to Redis (ioredis): one publishes and answers commands, one
 * subscribes (a subscribed connection can do nothing else). The link is `up` while both are
 * ready. Nothing waits for Redis: while it is down, publishing fails at once (no offline queue,
 * which would grow without bound and deliver stale presence later) and the instance keeps serving
 * its own people; when both connections are back, every channel is subscribed again and `up`
 * fires, so that the relay can catch up from the store.
 */
import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from '../log';

/** A command that takes longer fails (Redis is then treated as unreachable for that command). */
const COMMAND_TIMEOUT_MS = 2_000;
/** Reconnection delay: 100 ms more per attempt, at most this. */
const MAX_RECONNECT_DELAY_MS = 1_000;

export interface LinkHandlers {
  message(channel: string, payload: Uint8Array): void;
  /** Both connections are ready again (after start or an outage); every channel is subscribed. */
  up(): void;
  /** A connection was lost. */
  down(): void;
}

export class RedisLink {
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly channels = new Set<string>();
  private healthy = false;
  private checking: Promise<void> = Promise.resolve();

  constructor(
    url: string,
    private readonly handlers: LinkHandlers,
    private readonly log: Logger,
  ) {
    const options: RedisOptions = {
      enableOfflineQueue: false,
      autoResubscribe: false,
      maxRetriesPerRequest: 0,
      commandTimeout: COMMAND_TIMEOUT_MS,
      connectTimeout: COMMAND_TIMEOUT_MS,
      retryStrategy: (attempt) => Math.min(attempt * 100, MAX_RECONNECT_DELAY_MS),
    };
    this.pub = new Redis(url, { ...options, connectionName: 'tabula-relay-pub' });
    this.sub = new Redis(url, { ...options, connectionName: 'tabula-relay-sub' });
    for (const connection of [this.pub, this.sub]) {
      connection.on('ready', this.check);
      connection.on('close', this.check);
      // ioredis reconnects by itself; an error is worth a line, not a crash.
      connection.on('error', (error: Error) => this.log.debug({ err: error }, 'redis connection error'));
    }
    this.sub.on('messageBuffer', (channel: Buffer, payload: Buffer) => {
      this.handlers.message(channel.toString(), new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength));
    });
  }

  get isUp(): boolean {
    return this.healthy;
  }

  /** Subscribes a channel now if the link is up, and again after every outage. */
  async subscribe(channel: string): Promise<void> {
    this.channels.add(channel);
    if (!this.healthy) return;
    try {
      await this.sub.subscribe(channel);
    } catch (error) {
      // A subscription that failed on a live link: start the link over, which subscribes again.
      this.log.warn({ err: error, channel }, 'a redis subscription failed: reconnecting');
      this.sub.disconnect(true);
    }
  }

  unsubscribe(channel: string): void {
    this.channels.delete(channel);
    if (this.healthy) this.sub.unsubscribe(channel).catch(() => undefined);
  }

  /** Publishes if the link is up; false if it is down or the command fails (the caller catches up later). */
  async publish(channel: string, payload: Uint8Array): Promise<boolean> {
    if (!this.healthy) return false;
    try {
      await this.pub.publish(channel, Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength));
      return true;
    } catch (error) {
      this.log.debug({ err: error, channel }, 'a redis publish failed');
      return false;
    }
  }

  /** SET key value NX PX ms: true if set; null if Redis could not be asked. */
  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean | null> {
    if (!this.healthy) return null;
    try {
      return (await this.pub.set(key, value, 'PX', ttlMs, 'NX')) === 'OK';
    } catch {
      return null;
    }
  }

  /** Resolves if Redis answers a PING now (for /readyz). */
  async ping(): Promise<void> {
    if (!this.healthy) throw new Error('redis is not connected');
    await this.pub.ping();
  }

  async close(): Promise<void> {
    this.healthy = false;
    await Promise.allSettled([this.pub.quit(), this.sub.quit()]);
    this.pub.disconnect();
    this.sub.disconnect();
  }

  private readonly check = (): void => {
    this.checking = this.checking.then(async () => {
      const ready = this.pub.status === 'ready' && this.sub.status === 'ready';
      if (ready === this.healthy) return;
      if (!ready) {
        this.healthy = false;
        this.log.warn('redis is unreachable: serving this instance\'s people alone until it is back');
        this.handlers.down();
        return;
      }
      try {
        // Channels added while subscribing are subscribed in the next round.
        const done = new Set<string>();
        for (let pending = [...this.channels]; pending.length > 0; pending = [...this.channels].filter((channel) => !done.has(channel))) {
          await this.sub.subscribe(...pending);
          for (const channel of pending) done.add(channel);
        }
      } catch (error) {
        this.log.warn({ err: error }, 'could not subscribe again after reconnecting to redis');
        this.sub.disconnect(true);
        return;
      }
      this.healthy = true;
      this.log.info({ channels: this.channels.size }, 'redis is reachable: live with the other instances');
      this.handlers.up();
    });
  };
}
