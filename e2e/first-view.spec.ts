/**
 * The first view (components/board/first-view.ts): a page that is opening shows the board the
 * server drew for its viewport before the page's own code has run, and the canvas takes over once
 * the board has synced. Checked by holding the page's scripts back.
 */
import type { Page, Route } from '@playwright/test';
import { DISMISSED_ATTRIBUTE, FIRST_VIEW_ID, FIRST_VIEW_MARK } from '../lib/collab/first-view-script';
import { createBoard } from './support/access';
import { canvas, expectBoardReady, expectRectangle } from './support/board';
import { expect, test } from './support/fixtures';
import { decodePng, inkShare, type Rect } from './support/pixels';

const RECT: Rect = { x1: 200, y1: 150, x2: 500, y2: 350 };
const tabulaFile = (shapes: unknown[]) => ({ format: 'tabula', version: 1, title: 'First view', shapes });
const rectangle = { id: 'inview01', type: 'rectangle', x: RECT.x1, y: RECT.y1, w: RECT.x2 - RECT.x1, h: RECT.y2 - RECT.y1, z: 'a1', strokeWidth: 4 };
const farAway = { id: 'faraway1', type: 'ellipse', x: 5000, y: 5000, w: 50, h: 50, z: 'a2' };
const firstView = (page: Page) => page.locator(`#${FIRST_VIEW_ID} img`);

/** Holds every script of the app until `release` is called. */
async function holdScripts(page: Page): Promise<() => Promise<void>> {
  const held: Route[] = [];
  let holding = true;
  await page.route(/\/_next\/static\/chunks\/.*\.js$/, (route) => (holding ? held.push(route) : route.continue()));
  return async () => {
    holding = false;
    await Promise.all(held.map((route) => route.continue()));
  };
}

/** Share of ink along the rectangle's top edge in a screenshot of the whole page. */
async function topEdgeInk(page: Page): Promise<number> {
  const pixels = decodePng(await page.screenshot({ animations: 'disabled', caret: 'hide', scale: 'css' }));
  return inkShare(pixels, { x1: RECT.x1 + 20, y1: RECT.y1 - 1, x2: RECT.x2 - 20, y2: RECT.y1 + 1 });
}

test("the board shows before the page's scripts have run, and the canvas takes over once synced", async ({ openUser, server }) => {
  const board = await createBoard(server.url, tabulaFile([rectangle, farAway]));
  const { page } = await openUser();
  const release = await holdScripts(page);
  await page.goto(board.editLink, { waitUntil: 'commit' });

  await expect(firstView(page)).toBeVisible();
  // The board's code has not run: what shows is the server's image.
  expect(await page.evaluate(() => window.__tabula === undefined)).toBe(true);
  await expect.poll(() => topEdgeInk(page)).toBeGreaterThan(0.8);
  const shown = await page.evaluate((mark) => (performance.getEntriesByName(mark)[0] as PerformanceMark | undefined)?.detail as unknown, FIRST_VIEW_MARK);
  expect(shown).toEqual({ shapes: 1 });

  await release();
  await expectBoardReady(page);
  await expect(firstView(page)).toHaveCount(0);
  await expect(page.locator(`#${FIRST_VIEW_ID}`)).toHaveAttribute(DISMISSED_ATTRIBUTE, '');
  await expectRectangle(page, RECT);
  await expect(canvas(page)).toBeVisible();
});

test("once the board's code runs, the first view shows through the board until it has synced", async ({ openUser, server }) => {
  const board = await createBoard(server.url, tabulaFile([rectangle]));
  const { page } = await openUser();
  let connect = () => {};
  const connected = new Promise<void>((resolve) => (connect = resolve));
  // The board's socket reaches the server only once the test lets it.
  await page.routeWebSocket(/\/socket\.io\//, async (socket) => {
    await connected;
    socket.connectToServer();
  });
  await page.goto(board.editLink);
  await expect.poll(() => page.evaluate(() => window.__tabula !== undefined)).toBe(true);
  await expect(page.getByRole('button', { name: 'Rectangle' })).toBeVisible();
  await expect(firstView(page)).toBeVisible();
  expect(await page.evaluate(() => window.__tabula!.shapes().length)).toBe(0);
  expect(await topEdgeInk(page)).toBeGreaterThan(0.8);

  connect();
  await expectBoardReady(page);
  await expect(firstView(page)).toHaveCount(0);
  await expectRectangle(page, RECT);
});

test('a pan before the board has synced takes the first view away', async ({ openUser, server }) => {
  const board = await createBoard(server.url, tabulaFile([rectangle]));
  const { page } = await openUser();
  await page.routeWebSocket(/\/socket\.io\//, () => {});
  await page.goto(board.editLink);
  await expect(firstView(page)).toBeVisible();
  await expect.poll(() => page.evaluate(() => window.__tabula !== undefined)).toBe(true);
  await page.evaluate(() => window.__tabula!.setViewport({ x: 100, y: 0, zoom: 1 }));
  await expect(firstView(page)).toHaveCount(0);
  expect(await topEdgeInk(page)).toBe(0);
});

test('a page without access to the board shows no first view', async ({ openUser, server }) => {
  const board = await createBoard(server.url, tabulaFile([rectangle]));
  const { page } = await openUser();
  const views: number[] = [];
  page.on('response', (response) => {
    if (response.url().includes('/view.svg')) views.push(response.status());
  });
  await page.goto(`/b/${board.id}`);
  await expect(page.getByText(/access/).first()).toBeVisible();
  await expect.poll(() => views).toEqual([401]);
  await expect(firstView(page)).toHaveCount(0);
  expect(await topEdgeInk(page)).toBe(0);
});
