/**
 * The Next.js app, served by our own HTTP server so that pages and sync share one port.
 * In production a missing build is made first, so `npm start` works on a fresh clone.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import next from 'next';
import { newBoardId } from '../lib/protocol';
import type { Logger } from './log';

export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface UiHandlers {
  handleRequest(request: IncomingMessage, response: ServerResponse): Promise<void>;
  /** Next's own websocket (hot reload in development). */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void>;
  close(): Promise<void>;
}

function buildIfMissing(log: Logger): void {
  if (existsSync(path.join(PROJECT_ROOT, '.next', 'BUILD_ID'))) return;
  log.info('no production build found: running `next build` first (once)');
  const nextBin = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'next');
  const result = spawnSync(nextBin, ['build'], { cwd: PROJECT_ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (result.status !== 0) throw new Error('`next build` failed; see its output above');
}

export async function createUi(options: { dev: boolean; hostname: string; port: number; log: Logger }): Promise<UiHandlers> {
  if (!options.dev) buildIfMissing(options.log);
  const app = next({ dev: options.dev, dir: PROJECT_ROOT, hostname: options.hostname, port: options.port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const upgrade = app.getUpgradeHandler();
  return {
    handleRequest: (request, response) => handle(request, response),
    handleUpgrade: (request, socket, head) => upgrade(request, socket, head),
    close: () => app.close(),
  };
}

/**
 * Renders the pages once, right after start: Next loads a route's modules at its first request,
 * which made the first visitor's board page take about 100 ms instead of 15 ms.
 */
export async function warmUp(baseUrl: string, log: Logger): Promise<void> {
  for (const pathname of ['/', `/b/${newBoardId()}`]) {
    try {
      const response = await fetch(new URL(pathname, baseUrl));
      await response.arrayBuffer();
    } catch (error) {
      log.debug({ err: error, pathname }, 'page warm-up failed');
    }
  }
}
