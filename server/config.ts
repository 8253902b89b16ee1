/**
 * All configuration, read from the environment once at start and validated here. A bad value
 * stops the server with a message that names the variable and says what it should be.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import {
  HTTP_RATE_BURST,
  HTTP_RATE_BYTE_BURST,
  HTTP_RATE_BYTES_PER_SECOND,
  HTTP_RATE_PER_SECOND,
  MAX_BOARDS_IN_MEMORY,
  MAX_CONNECTIONS_PER_ADDRESS,
  MAX_QUEUED_BYTES_PER_SOCKET,
  MAX_SOCKETS_PER_BOARD,
  SHUTDOWN_DEADLINE_MS,
} from '../lib/protocol/limits';
import { DEFAULT_POSTGRES_TIMEOUTS, type PostgresTimeouts } from './store/postgres-store';

const boolean = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const originList = z.string().transform((value, ctx) => {
  const origins = value.split(',').map((entry) => entry.trim()).filter(Boolean);
  for (const origin of origins) {
    let parsed: URL | null = null;
    try {
      parsed = new URL(origin);
    } catch {
      /* reported below */
    }
    if (!parsed || parsed.origin !== origin) {
      ctx.addIssue({ code: 'custom', message: `"${origin}" is not an origin like https://board.example.com` });
    }
  }
  return origins;
});

/** An http(s) origin, given with or without a trailing slash; anything after the host is refused. */
const publicUrl = z.string().transform((value, ctx) => {
  let parsed: URL | null = null;
  try {
    parsed = new URL(value);
  } catch {
    /* reported below */
  }
  if (!parsed || !/^https?:$/.test(parsed.protocol) || value.replace(/\/$/, '') !== parsed.origin) {
    ctx.addIssue({ code: 'custom', message: `"${value}" is not a public origin like https://board.example.com (scheme and host, no path)` });
    return z.NEVER;
  }
  return parsed.origin;
});

const milliseconds = (fallback: number) => z.coerce.number({ message: 'must be a number of milliseconds' }).int().min(1).default(fallback);

/** HTTP and storage hardening: where requests come from, their rate, Postgres's timeouts. */
const httpSchema = z.object({
  PUBLIC_URL: publicUrl.optional(),
  TRUST_PROXY: z.coerce.number({ message: 'must be the number of proxies in front of the server (0 for none)' }).int().min(0).max(10).default(0),
  HTTP_RATE_PER_SECOND: z.coerce.number({ message: 'must be a number of requests a second' }).positive().default(HTTP_RATE_PER_SECOND),
  HTTP_RATE_BURST: z.coerce.number({ message: 'must be a number of requests' }).int().min(1).default(HTTP_RATE_BURST),
  HTTP_RATE_BYTES_PER_SECOND: z.coerce.number({ message: 'must be a number of bytes a second' }).int().min(1024).default(HTTP_RATE_BYTES_PER_SECOND),
  HTTP_RATE_BYTE_BURST: z.coerce.number({ message: 'must be a number of bytes' }).int().min(1024).default(HTTP_RATE_BYTE_BURST),
  PG_CONNECT_TIMEOUT_MS: milliseconds(DEFAULT_POSTGRES_TIMEOUTS.connectMs),
  PG_STATEMENT_TIMEOUT_MS: milliseconds(DEFAULT_POSTGRES_TIMEOUTS.statementMs),
  PG_IDLE_IN_TRANSACTION_TIMEOUT_MS: milliseconds(DEFAULT_POSTGRES_TIMEOUTS.idleInTransactionMs),
});

const count = (what: string, fallback: number) => z.coerce.number({ message: `must be a number of ${what}` }).int().min(1).default(fallback);

/** Caps on connections and memory (lib/protocol/limits.ts has the defaults and the reasons). */
const capsSchema = z.object({
  MAX_QUEUED_BYTES_PER_SOCKET: z.coerce.number({ message: 'must be a number of bytes' }).int().min(64 * 1024).default(MAX_QUEUED_BYTES_PER_SOCKET),
  MAX_CONNECTIONS_PER_ADDRESS: count('connections', MAX_CONNECTIONS_PER_ADDRESS),
  MAX_SOCKETS_PER_BOARD: count('sockets', MAX_SOCKETS_PER_BOARD),
  MAX_BOARDS_IN_MEMORY: count('boards', MAX_BOARDS_IN_MEMORY),
  SHUTDOWN_DEADLINE_MS: milliseconds(SHUTDOWN_DEADLINE_MS),
});

/** Several instances live in sync through Redis (server/relay/). */
const relaySchema = z.object({
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, { message: 'must be a redis:// or rediss:// connection URL' })
    .optional(),
  REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, { message: 'must be 1 to 64 letters, digits or _ . : -' }).default('tabula:'),
  INSTANCE_ID: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, { message: 'must be 1 to 64 letters, digits or _ . -' }).optional(),
  RELAY_HEARTBEAT_MS: z.coerce.number({ message: 'must be a number of milliseconds' }).int().min(100).max(60_000).default(1_000),
  RELAY_INSTANCE_TIMEOUT_MS: z.coerce.number({ message: 'must be a number of milliseconds' }).int().min(300).max(600_000).default(5_000),
});

const envSchema = z.object({
  NODE_ENV: z.enum(['production', 'development', 'test']).default('production'),
  PORT: z.coerce.number({ message: 'must be a port number' }).int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  ALLOWED_ORIGINS: originList.optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// connection URL' })
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SERVE_UI: boolean.default(true),
  ROOM_IDLE_UNLOAD_MS: z.coerce.number().int().min(0).max(3_600_000).default(2_000),
  COMPACT_AFTER_UPDATES: z.coerce.number().int().min(1).default(500),
  COMPACT_OPEN_AFTER_UPDATES: z.coerce.number({ message: 'must be a number of updates' }).int().min(1).max(10_000_000).default(2_000),
  COMPACT_OPEN_AFTER_BYTES: z.coerce.number({ message: 'must be a number of bytes' }).int().min(1_024).max(1_073_741_824).default(8 * 1024 * 1024),
  AUTO_VERSION_EVERY_MS: z.coerce.number().int().min(0).default(10 * 60_000),
  AUTO_VERSION_MIN_UPDATES: z.coerce.number().int().min(1).default(20),
  AUTH_SECRET: z.string().min(32, { message: 'must be at least 32 characters (e.g. `openssl rand -base64 48`)' }).optional(),
  ADMIN_TOKEN: z.string().min(24, { message: 'must be at least 24 characters (e.g. `openssl rand -base64 32`)' }).optional(),
  METRICS_TOKEN: z.string().min(24, { message: 'must be at least 24 characters (e.g. `openssl rand -base64 32`)' }).optional(),
  ACCESS_RECHECK_MS: z.coerce.number({ message: 'must be a number of milliseconds' }).int().min(100).max(5_000).default(2_000),
})
  .extend(httpSchema.shape)
  .extend(capsSchema.shape)
  .extend(relaySchema.shape)
  .superRefine((value, ctx) => {
    if (value.REDIS_URL && !value.DATABASE_URL) {
      ctx.addIssue({ code: 'custom', path: ['REDIS_URL'], message: 'needs DATABASE_URL: instances in sync through Redis must share one Postgres store' });
    }
    if (value.RELAY_INSTANCE_TIMEOUT_MS < 3 * value.RELAY_HEARTBEAT_MS) {
      ctx.addIssue({ code: 'custom', path: ['RELAY_INSTANCE_TIMEOUT_MS'], message: 'must be at least three RELAY_HEARTBEAT_MS' });
    }
  });

export interface Config {
  env: 'production' | 'development' | 'test';
  port: number;
  host: string;
  dataDir: string;
  /** With a Postgres URL, boards are stored there instead of in LevelDB under dataDir. */
  databaseUrl: string | null;
  /** Origins allowed to open a socket; null means "the server's own origin" (the Host header). */
  allowedOrigins: string[] | null;
  logLevel: string;
  /** Serve the Next.js UI (false runs only the sync server and HTTP API: tests, benchmarks). */
  serveUi: boolean;
  /** How long a board with no sockets stays in memory (a reload should not reload from disk). */
  roomIdleUnloadMs: number;
  /** Compact a board's log into a snapshot when it has this many updates since the last one. */
  compactAfterUpdates: number;
  /**
   * Compact the log of a board that stays open once it has this many updates since the last
   * snapshot, or this many bytes of updates arrived since the last compaction.
   */
  openCompaction: { afterUpdates: number; afterBytes: number };
  /** Keep an automatic version after this long and this many edits since the last one. */
  autoVersionEveryMs: number;
  autoVersionMinUpdates: number;
  /**
   * The origin people reach the server at (PUBLIC_URL), e.g. https://board.example.com. When set,
   * browsers' requests (sockets and REST writes) must come from it or from `allowedOrigins`; the
   * Host header is not trusted, so a rebound DNS name does not pass as the server's own origin.
   */
  publicOrigin: string | null;
  /**
   * Proxies in front of the server that append the client's address to X-Forwarded-For (0: none,
   * the address is the connection's). Only that many entries from the right are trusted.
   */
  trustProxy: number;
  /** Per client address, for the HTTP routes that decode or store whole boards. */
  httpRate: { perSecond: number; burst: number; bytesPerSecond: number; byteBurst: number };
  postgresTimeouts: PostgresTimeouts;
  caps: ConnectionCaps;
  /**
   * Access (server/access): the secret that signs links (AUTH_SECRET; null: one is created and
   * kept in the store), the instance admin's token (ADMIN_TOKEN; null: no admin), and how often
   * open sockets are checked against link resets made on other instances.
   */
  access: { secret: string | null; adminToken: string | null; recheckMs: number };
  /** When set, GET /metrics takes `Authorization: Bearer <metricsToken>`; null: /metrics is open. */
  metricsToken: string | null;
  /** Live sync with other instances through Redis (REDIS_URL); null: this instance is alone. */
  relay: RelayConfig | null;
}

export interface RelayConfig {
  redisUrl: string;
  /** Prefix of every Redis channel and key, so that several deployments can share one Redis. */
  prefix: string;
  /** This instance's id, unique among the instances (the origin of what it relays). */
  instanceId: string;
  /** How often this instance says it is alive… */
  heartbeatMs: number;
  /** …and how long another may stay silent before it counts as gone (its people leave the boards). */
  instanceTimeoutMs: number;
}

/** Caps on connections and memory (lib/protocol/limits.ts). */
export interface ConnectionCaps {
  maxQueuedBytesPerSocket: number;
  maxConnectionsPerAddress: number;
  maxSocketsPerBoard: number;
  maxBoardsInMemory: number;
  shutdownDeadlineMs: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const result = envSchema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const value = result.data;
  return {
    env: value.NODE_ENV,
    port: value.PORT,
    host: value.HOST,
    dataDir: path.resolve(value.DATA_DIR),
    databaseUrl: value.DATABASE_URL ?? null,
    allowedOrigins: value.ALLOWED_ORIGINS ?? null,
    logLevel: value.LOG_LEVEL,
    serveUi: value.SERVE_UI,
    roomIdleUnloadMs: value.ROOM_IDLE_UNLOAD_MS,
    compactAfterUpdates: value.COMPACT_AFTER_UPDATES,
    openCompaction: { afterUpdates: value.COMPACT_OPEN_AFTER_UPDATES, afterBytes: value.COMPACT_OPEN_AFTER_BYTES },
    autoVersionEveryMs: value.AUTO_VERSION_EVERY_MS,
    autoVersionMinUpdates: value.AUTO_VERSION_MIN_UPDATES,
    publicOrigin: value.PUBLIC_URL ?? null,
    trustProxy: value.TRUST_PROXY,
    httpRate: {
      perSecond: value.HTTP_RATE_PER_SECOND,
      burst: value.HTTP_RATE_BURST,
      bytesPerSecond: value.HTTP_RATE_BYTES_PER_SECOND,
      byteBurst: value.HTTP_RATE_BYTE_BURST,
    },
    access: { secret: value.AUTH_SECRET ?? null, adminToken: value.ADMIN_TOKEN ?? null, recheckMs: value.ACCESS_RECHECK_MS },
    metricsToken: value.METRICS_TOKEN ?? null,
    postgresTimeouts: {
      connectMs: value.PG_CONNECT_TIMEOUT_MS,
      statementMs: value.PG_STATEMENT_TIMEOUT_MS,
      idleInTransactionMs: value.PG_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    },
    relay: value.REDIS_URL
      ? {
          redisUrl: value.REDIS_URL,
          prefix: value.REDIS_PREFIX,
          instanceId: value.INSTANCE_ID ?? `${hostname().replace(/[^A-Za-z0-9_.-]/g, '-').slice(0, 40)}-${process.pid}-${randomBytes(3).toString('hex')}`,
          heartbeatMs: value.RELAY_HEARTBEAT_MS,
          instanceTimeoutMs: value.RELAY_INSTANCE_TIMEOUT_MS,
        }
      : null,
    caps: {
      maxQueuedBytesPerSocket: value.MAX_QUEUED_BYTES_PER_SOCKET,
      maxConnectionsPerAddress: value.MAX_CONNECTIONS_PER_ADDRESS,
      maxSocketsPerBoard: value.MAX_SOCKETS_PER_BOARD,
      maxBoardsInMemory: value.MAX_BOARDS_IN_MEMORY,
      shutdownDeadlineMs: value.SHUTDOWN_DEADLINE_MS,
    },
  };
}
