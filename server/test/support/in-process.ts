/** A real Tabula server (sync and HTTP, no UI) on an ephemeral loopback port, in this process. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { type ServerOptions, startTabulaServer, type TabulaServer } from '../../app';
import { loadConfig } from '../../config';
import { createLogger, type Logger } from '../../log';
import { TEST_ADMIN_TOKEN } from './access';

export interface TestServer extends TabulaServer {
  dataDir: string;
  /** Closes the server and deletes its data. */
  dispose(): Promise<void>;
}

/**
 * The store of the vitest project "integration-postgres" (vitest.config.ts): Postgres at
 * DATABASE_URL. Elsewhere LevelDB in the temporary DATA_DIR, unless the suite passes DATABASE_URL.
 */
function storeUnderTest(): Record<string, string> {
  if (process.env.TABULA_TEST_STORE !== 'postgres') return {};
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('TABULA_TEST_STORE=postgres needs DATABASE_URL');
  return { DATABASE_URL: databaseUrl };
}

/** `log` replaces the server's logger (a test that reads what the server logged passes its own). */
export async function startTestServer(env: Record<string, string> = {}, dataDir?: string, log?: Logger, options: ServerOptions = {}): Promise<TestServer> {
  const dir = dataDir ?? (await mkdtemp(path.join(tmpdir(), 'tabula-test-')));
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dir,
    SERVE_UI: 'false',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ROOM_IDLE_UNLOAD_MS: '0',
    ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    ...storeUnderTest(),
    ...env,
  });
  const server = await startTabulaServer(config, log ?? createLogger(config.logLevel), options);
  return {
    ...server,
    url: `http://127.0.0.1:${server.port}`,
    dataDir: dir,
    async dispose() {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A server for the tests of one `describe` block, started before them and closed after them with
 * whatever they opened: push peers, sockets and other clients onto the lists as they are made.
 * `server` is filled in before the first test runs.
 */
export function useTestServer(env: Record<string, string> = {}) {
  const server = {} as TestServer;
  const peers: Array<{ destroy(): void }> = [];
  const sockets: Array<{ disconnect(): void }> = [];
  const closers: Array<{ destroy(): void }> = [];
  beforeAll(async () => {
    Object.assign(server, await startTestServer(env));
  });
  afterAll(async () => {
    for (const peer of peers) peer.destroy();
    for (const socket of sockets) socket.disconnect();
    for (const client of closers) client.destroy();
    await server.dispose();
  });
  return { server, peers, sockets, closers };
}
