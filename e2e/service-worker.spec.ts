/**
 * The service worker across a deploy: its precache holds one build's static files, those of the
 * build that serves the page, and a board kept by the previous build still reloads offline.
 *
 * Build A is the build under test (.next). Build B is a copy of the project with one client module
 * changed, built here, then served on A's port so that the browser sees one origin upgraded.
 */
import { cp, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { connectionStatus, drawRectangle, expectBoardReady, expectRectangle, gotoBoard } from './support/board';
import { pointerOffCanvas } from './support/collab';
import { expect, test } from './support/fixtures';
import { BUILD_INPUT_DIRS, BUILD_INPUT_FILES, runNextBuild } from './support/next-build';
import type { Rect } from './support/pixels';
import { TestServer } from './support/server';

const ROOT = process.cwd();
const RECT: Rect = { x1: 160, y1: 180, x2: 380, y2: 320 };
/** A client module of the board's chunk: changing it changes that chunk's name. */
const CHANGED_MODULE = 'components/local/offline-cache.ts';
/** Installing a worker fetches a build's static files (about a megabyte) and, on upgrade, the kept pages. */
const WORKER_TIMEOUT = 30_000;

/** The URL of every file a build serves under /_next/static/. */
async function staticUrls(projectDir: string): Promise<string[]> {
  const staticDir = path.join(projectDir, '.next', 'static');
  const urls: string[] = [];
  for (const relative of await readdir(staticDir, { recursive: true })) {
    if ((await stat(path.join(staticDir, relative))).isFile()) urls.push(`/_next/static/${relative.split(path.sep).join('/')}`);
  }
  return urls.sort();
}

/** The cache names, and the /_next/static/ paths held in any cache, seen from the page. */
function cacheContents(page: Page): Promise<{ names: string[]; staticUrls: string[] }> {
  return page.evaluate(async () => {
    const names = await caches.keys();
    const urls = new Set<string>();
    for (const name of names) {
      for (const request of await (await caches.open(name)).keys()) {
        const { pathname } = new URL(request.url);
        if (pathname.startsWith('/_next/static/')) urls.add(pathname);
      }
    }
    return { names: names.sort(), staticUrls: [...urls].sort() };
  });
}

async function cachedStaticUrls(page: Page): Promise<string[]> {
  return (await cacheContents(page)).staticUrls;
}

/** The static files a kept page names (its scripts, styles, preloads); null when it is not kept. */
function keptPageFiles(page: Page, pathname: string): Promise<string[] | null> {
  return page.evaluate(async (key) => {
    const response = await caches.match(location.origin + key, { ignoreVary: true });
    if (!response) return null;
    const html = await response.text();
    return [...new Set(html.match(/\/_next\/static\/[^"'\\\s?#]+/g) ?? [])].sort();
  }, pathname);
}

/** A copy of the project's build inputs and server in `.tmp/` (node_modules resolve from here). */
async function copyProject(): Promise<string> {
  const copy = path.join(ROOT, '.tmp', `e2e-upgrade-${process.pid}-${Date.now().toString(36)}`);
  await mkdir(copy, { recursive: true });
  for (const entry of [...BUILD_INPUT_DIRS, ...BUILD_INPUT_FILES, 'server']) {
    await cp(path.join(ROOT, entry), path.join(copy, entry), {
      recursive: true,
      // What serves and builds the app; tests stay out (they import the test support, not copied).
      filter: (source) =>
        !['node_modules', 'test'].includes(path.basename(source)) &&
        !source.endsWith('.test.ts') &&
        source !== path.join(ROOT, 'public', 'sw.js'),
    }).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }
  const module = path.join(copy, CHANGED_MODULE);
  const source = await readFile(module, 'utf8');
  await writeFile(module, `${source}\n(globalThis as Record<string, unknown>).tabulaUpgradeTestBuild = ${JSON.stringify(copy)};\n`);
  return copy;
}

test('after an upgrade the cache holds the new build\'s files only, and a board kept before still reloads offline', async ({ browser, boardId }) => {
  test.setTimeout(6 * 60_000);
  const copy = await copyProject();
  const servers: TestServer[] = [];
  try {
    await runNextBuild(copy, path.join(ROOT, 'node_modules'));
    const [buildA, buildB] = [await staticUrls(ROOT), await staticUrls(copy)];
    const onlyInA = buildA.filter((url) => !buildB.includes(url));
    expect(onlyInA.length, 'build B changed some of build A\'s files').toBeGreaterThan(0);

    const serverA = await TestServer.start();
    servers.push(serverA);
    const context = await browser.newContext({ baseURL: serverA.url });
    const page = await context.newPage();

    // Build A: a board is drawn on, and its page is kept with A's files.
    await gotoBoard(page, boardId);
    await drawRectangle(page, RECT);
    await pointerOffCanvas(page);
    await expectRectangle(page, RECT);
    await expect.poll(() => cachedStaticUrls(page), { timeout: WORKER_TIMEOUT }).toEqual(buildA);
    await expect.poll(async () => (await keptPageFiles(page, `/b/${boardId}`)) !== null, { timeout: WORKER_TIMEOUT }).toBe(true);

    // The deploy: build B on the same origin. Visiting another board updates the worker.
    await serverA.stop();
    const serverB = await TestServer.start({ root: copy, port: serverA.port, dataDir: serverA.dataDir });
    servers.push(serverB);
    await gotoBoard(page, `${boardId}_other`);
    await expect.poll(() => cachedStaticUrls(page), { timeout: WORKER_TIMEOUT }).toEqual(buildB);
    expect((await cacheContents(page)).names, 'the worker\'s own caches, no other').toEqual(['tabula-pages', 'tabula-precache']);
    // The page kept under build A is fetched again as the new worker activates (beside its cache
    // clean-up, so it may end a moment after it): it names build B's files, which are cached.
    await expect
      .poll(async () => (await keptPageFiles(page, `/b/${boardId}`))?.filter((url) => !buildB.includes(url)), { timeout: WORKER_TIMEOUT, message: 'files of the kept page that build B lacks' })
      .toEqual([]);
    const keptFiles = await keptPageFiles(page, `/b/${boardId}`);
    expect(keptFiles?.length, 'files named by the kept page').toBeGreaterThan(0);

    // Offline, the board kept under build A opens with build B's files.
    await context.setOffline(true);
    await page.goto(`/b/${boardId}`);
    await expect(connectionStatus(page)).toHaveText('Offline');
    await expectRectangle(page, RECT);
    await context.setOffline(false);
    await expectBoardReady(page);
    await context.close();
  } finally {
    // B first: A's dispose removes the data directory they share.
    for (const server of servers.reverse()) await server.dispose();
    await rm(copy, { recursive: true, force: true });
  }
});
