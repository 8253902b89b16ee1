/**
 * Excalidraw as a peer for the opening benchmark: the page in bench/excalidraw-page, installed on
 * first use (`npm ci --prefix bench/excalidraw-page`, its own exact pins and lockfile, outside
 * Tabula's package.json), bundled with esbuild (Tabula's own dev dependency) into
 * bench/excalidraw-page/dist, and served from loopback with the drawings to open. Excalidraw's
 * fonts are served from the same origin (window.EXCALIDRAW_ASSET_PATH = '/'), never from its CDN.
 *
 * Everything is served with `Cache-Control: max-age=3600`, so that a second open in the same
 * browser finds the page and the drawing in its cache (the warm open).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { build } from 'esbuild';

const PAGE_DIR = path.join(process.cwd(), 'bench/excalidraw-page');
const DIST = path.join(PAGE_DIR, 'dist');
const PACKAGE = path.join(PAGE_DIR, 'node_modules/@excalidraw/excalidraw');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.excalidraw': 'application/json',
  '.woff2': 'font/woff2',
};

/** Installs the page's packages when missing (once), bundles the page; returns the Excalidraw version. */
export async function buildExcalidrawPage(): Promise<string> {
  if (!existsSync(PACKAGE)) {
    console.log('installing the Excalidraw page (npm ci --prefix bench/excalidraw-page) ...');
    const result = spawnSync('npm', ['ci', '--prefix', PAGE_DIR, '--ignore-scripts', '--no-audit', '--no-fund'], { stdio: 'inherit' });
    if (result.status !== 0) throw new Error('npm ci --prefix bench/excalidraw-page failed');
  }
  await build({
    entryPoints: [path.join(PAGE_DIR, 'src/main.tsx')],
    outdir: DIST,
    bundle: true,
    format: 'esm',
    splitting: true,
    minify: true,
    jsx: 'automatic',
    conditions: ['production'],
    define: { 'process.env.NODE_ENV': '"production"', 'process.env.IS_PREACT': '"false"' },
    loader: { '.woff2': 'file' },
    logLevel: 'warning',
  });
  cpSync(path.join(PAGE_DIR, 'index.html'), path.join(DIST, 'index.html'));
  cpSync(path.join(PACKAGE, 'dist/prod/fonts'), path.join(DIST, 'fonts'), { recursive: true });
  return (JSON.parse(readFileSync(path.join(PACKAGE, 'package.json'), 'utf8')) as { version: string }).version;
}

export class ExcalidrawPeer {
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  /** Serves bench/excalidraw-page/dist on a free loopback port. */
  static async start(): Promise<ExcalidrawPeer> {
    mkdirSync(path.join(DIST, 'drawings'), { recursive: true });
    const server = createServer((request, response) => {
      const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
      const file = path.join(DIST, pathname === '/' ? 'index.html' : path.normalize(pathname));
      if (!file.startsWith(DIST) || !existsSync(file) || !statSync(file).isFile()) {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'max-age=3600' });
      response.end(readFileSync(file));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new ExcalidrawPeer(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  }

  /** Puts a drawing where the page can load it; returns the page's address for it. */
  addDrawing(name: string, text: string, elements: number): string {
    writeFileSync(path.join(DIST, 'drawings', `${name}.excalidraw`), text);
    return `${this.url}/?drawing=/drawings/${name}.excalidraw&elements=${elements}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

/** What the Excalidraw page logs at its first full paint (bench/excalidraw-page/src/main.tsx). */
const DONE_MESSAGE = 'excalidraw-bench: first full paint';

/**
 * Call before the page's navigation; the returned function resolves with the milliseconds from
 * navigation start to the end of the first static-canvas draw with every element in the scene.
 */
export function excalidrawPaint(page: Page, timeoutMs = 300_000): () => Promise<number> {
  const painted = page.waitForEvent('console', { predicate: (message) => message.text() === DONE_MESSAGE, timeout: timeoutMs });
  return async () => {
    await painted;
    return page.evaluate(() => (window as unknown as { __benchPaint: { at: number } }).__benchPaint.at);
  };
}
