/**
 * What a person does on a board page, in the names of the outside contract (the accessible names the README lists):
 * pick a tool, drag on the canvas, set a display name; and the checks on what the board shows.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import { canvasPixels, type EdgeCoverage, pathCoverage, type Point, type Rect, rectEdgeCoverage } from './pixels';

export type ToolName =
  | 'Select'
  | 'Hand'
  | 'Pen'
  | 'Rectangle'
  | 'Ellipse'
  | 'Diamond'
  | 'Line'
  | 'Arrow'
  | 'Text'
  | 'Sticky note'
  | 'Eraser'
  | 'Laser';

/** How long a change may take to reach another person's screen (a generous bound, not a target). */
export const SYNC_TIMEOUT = 10_000;
/** Reconnection after a server restart: the client backs off up to 5 s between attempts. */
export const RECONNECT_TIMEOUT = 30_000;

/** A rectangle counts as shown when every edge has ink along at least this share of its length. */
const SHOWN = 0.8;
/** ... and as absent when no edge has ink along more than this share. */
const ABSENT = 0.25;

export function canvas(page: Page): Locator {
  return page.getByTestId('canvas');
}

export function connectionStatus(page: Page): Locator {
  return page.getByTestId('connection-status');
}

export function collaborators(page: Page): Locator {
  return page.getByRole('list', { name: 'Collaborators' }).getByRole('listitem');
}

export function remoteCursors(page: Page): Locator {
  return page.getByTestId('remote-cursor');
}

export function toolButton(page: Page, tool: ToolName): Locator {
  return page.getByRole('button', { name: tool, exact: true });
}

/**
 * Opens the board page and waits until the canvas is there and the sync is connected. `board` is
 * an id (a bare link, which edits an open board) or a link with its token (`/b/<id>#edit=...`).
 */
export async function gotoBoard(page: Page, board: string): Promise<void> {
  const path = board.startsWith('/b/') ? board : `/b/${board}`;
  const response = await page.goto(path);
  expect(response?.status(), `GET ${path}`).toBe(200);
  await expectBoardReady(page);
}

export async function expectBoardReady(page: Page, timeout = SYNC_TIMEOUT): Promise<void> {
  await expect(canvas(page)).toBeVisible({ timeout });
  await expect(connectionStatus(page)).toHaveText('Connected', { timeout });
}

export async function selectTool(page: Page, tool: ToolName): Promise<void> {
  const button = toolButton(page, tool);
  await button.click();
  await expect(button).toHaveAttribute('aria-pressed', 'true');
}

/** The page coordinates of a board point (zoom 100%, no panning: canvas offset = board point). */
async function toPage(page: Page, point: Point): Promise<Point> {
  const box = await canvas(page).boundingBox();
  if (!box) throw new Error('the canvas is not visible');
  return { x: box.x + point.x, y: box.y + point.y };
}

/** Moves the mouse over the canvas to a board point, in small steps like a hand would. */
export async function moveTo(page: Page, point: Point, steps = 5): Promise<void> {
  const target = await toPage(page, point);
  await page.mouse.move(target.x, target.y, { steps });
}

/** Presses at `from`, moves through `via` (if any) to `to` and releases: one pointer gesture. */
export async function drag(page: Page, from: Point, to: Point, via: readonly Point[] = []): Promise<void> {
  await moveTo(page, from, 1);
  await page.mouse.down();
  for (const point of [...via, to]) await moveTo(page, point, 8);
  await page.mouse.up();
}

export async function drawRectangle(page: Page, rect: Rect): Promise<void> {
  await selectTool(page, 'Rectangle');
  await drag(page, { x: rect.x1, y: rect.y1 }, { x: rect.x2, y: rect.y2 });
}

export async function drawPenStroke(page: Page, points: readonly Point[]): Promise<void> {
  const [first, ...rest] = points;
  const last = rest.pop();
  if (!first || !last) throw new Error('a stroke needs at least two points');
  await selectTool(page, 'Pen');
  await drag(page, first, last, rest);
}

/**
 * Moves the mouse off the canvas, so that this person's cursor (and its name label) leaves the
 * other screens and cannot be mistaken for a shape.
 */
export async function parkMouse(page: Page): Promise<void> {
  await page.mouse.move(1, 1);
}

/** Sets one's display name through the "Your name" box. */
export async function setDisplayName(page: Page, name: string): Promise<void> {
  const box = page.getByRole('textbox', { name: 'Your name' });
  await box.fill(name);
  await box.press('Enter');
  await expect(box).toHaveValue(name);
}

export function translate(rect: Rect, dx: number, dy: number): Rect {
  return { x1: rect.x1 + dx, y1: rect.y1 + dy, x2: rect.x2 + dx, y2: rect.y2 + dy };
}

function describe(rect: Rect): string {
  return `(${rect.x1}, ${rect.y1})-(${rect.x2}, ${rect.y2})`;
}

export async function rectangleEdges(page: Page, rect: Rect): Promise<EdgeCoverage> {
  return rectEdgeCoverage(await canvasPixels(page), rect);
}

/** Waits until the page shows a rectangle outline at `rect`. */
export async function expectRectangle(page: Page, rect: Rect, timeout = SYNC_TIMEOUT): Promise<void> {
  await expect
    .poll(async () => (await rectangleEdges(page, rect)).min, {
      message: `a rectangle shows at ${describe(rect)} (share of each edge with ink)`,
      timeout,
    })
    .toBeGreaterThanOrEqual(SHOWN);
}

/** Waits until nothing like a rectangle outline shows at `rect`. */
export async function expectNoRectangle(page: Page, rect: Rect, timeout = SYNC_TIMEOUT): Promise<void> {
  await expect
    .poll(async () => (await rectangleEdges(page, rect)).max, {
      message: `nothing shows at ${describe(rect)} (largest share of an edge with ink)`,
      timeout,
    })
    .toBeLessThanOrEqual(ABSENT);
}

/** Waits until the page shows a stroke along the polyline. */
export async function expectStroke(page: Page, points: readonly Point[], timeout = SYNC_TIMEOUT): Promise<void> {
  await expect
    .poll(async () => pathCoverage(await canvasPixels(page), points), {
      message: 'a stroke shows along the path (share of its length with ink)',
      timeout,
    })
    .toBeGreaterThanOrEqual(SHOWN);
}

export async function expectNoStroke(page: Page, points: readonly Point[], timeout = SYNC_TIMEOUT): Promise<void> {
  await expect
    .poll(async () => pathCoverage(await canvasPixels(page), points), {
      message: 'nothing shows along the path (share of its length with ink)',
      timeout,
    })
    .toBeLessThanOrEqual(ABSENT);
}
