/**
 * Helpers for the drawing editor's end-to-end specs: reading a board's shapes through the HTTP API
 * (`GET /api/boards/<id>`, the documented shape schema) rather than from pixels, pressing keys
 * with the platform's command key, and where the pointer must go to reach a board point.
 */
import { expect, type Page } from '@playwright/test';
import { canvas, drawRectangle, moveTo, SYNC_TIMEOUT } from './board';
import type { Point, Rect } from './pixels';
import { TEST_ADMIN_TOKEN } from './access';

export interface StoredShape {
  id: string;
  type: string;
  x: number;
  y: number;
  w: number;
  h: number;
  rotation: number;
  z: string;
  stroke: string;
  fill: string;
  strokeWidth: number;
  strokeStyle: string;
  opacity: number;
  text?: string;
  fontSize?: number;
  points?: number[];
  assetId?: string;
  [key: string]: unknown;
}

/** The board's shapes as the server has them, in paint order. */
export async function storedShapes(page: Page, boardId: string): Promise<StoredShape[]> {
  // As the instance admin: it may read every board, open or invite.
  const response = await page.request.get(`/api/boards/${boardId}`, { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } });
  if (response.status() === 404) return [];
  expect(response.status(), `GET /api/boards/${boardId}`).toBe(200);
  const body = (await response.json()) as { shapes: StoredShape[] };
  return body.shapes;
}

/** Waits until the stored shapes satisfy `check` (it throws, via expect, until they do). */
export async function expectStored(page: Page, boardId: string, check: (shapes: StoredShape[]) => void, timeout = SYNC_TIMEOUT): Promise<StoredShape[]> {
  let last: StoredShape[] = [];
  await expect(async () => {
    last = await storedShapes(page, boardId);
    check(last);
  }).toPass({ timeout });
  return last;
}

/** Where `storedBeforeMarker` draws: empty canvas in the specs that use it. */
const MARKER: Rect = { x1: 560, y1: 600, x2: 640, y2: 660 };
const isMarker = (shape: StoredShape) => shape.type === 'rectangle' && Math.abs(shape.x - MARKER.x1) < 2 && Math.abs(shape.y - MARKER.y1) < 2;

/**
 * The stored shapes once everything this page sent so far has reached the server, for checks that
 * something did not happen: the page draws a marker rectangle and waits until the server has it.
 * The page's edits travel in order on one connection, so an edit made before the marker would be
 * stored by then. Returns the shapes without the marker.
 */
export async function storedBeforeMarker(page: Page, boardId: string): Promise<StoredShape[]> {
  await drawRectangle(page, MARKER);
  const shapes = await expectStored(page, boardId, (stored) => expect(stored.some(isMarker), 'the marker is stored').toBe(true));
  return shapes.filter((shape) => !isMarker(shape));
}

/** Waits until the board stores exactly `count` shapes and returns them. */
export function expectShapeCount(page: Page, boardId: string, count: number): Promise<StoredShape[]> {
  return expectStored(page, boardId, (shapes) => expect(shapes).toHaveLength(count));
}

/** The editor's own view of the board in the page (shapes as this person's screen has them). */
export async function shapesOnScreen(page: Page): Promise<StoredShape[]> {
  return page.evaluate(() => {
    const tabula = (window as unknown as { __tabula?: { editor: { shapes: unknown[] } } }).__tabula;
    return (tabula?.editor.shapes ?? []) as never;
  });
}

export async function viewport(page: Page): Promise<{ x: number; y: number; zoom: number }> {
  return page.evaluate(() => (window as unknown as { __tabula: { editor: { viewport: { x: number; y: number; zoom: number } } } }).__tabula.editor.viewport);
}

/** Presses a key with Ctrl (Cmd on macOS), e.g. `command(page, 'C')`. */
export async function command(page: Page, key: string): Promise<void> {
  await page.keyboard.press(`ControlOrMeta+${key}`);
}

/** A click at a board point (zoom 100%, unpanned: the canvas offset is the board point). */
export async function clickAt(page: Page, point: Point, options: { shift?: boolean; count?: number } = {}): Promise<void> {
  await moveTo(page, point, 1);
  if (options.shift) await page.keyboard.down('Shift');
  await page.mouse.click(...(await pageXY(page, point)), { clickCount: options.count ?? 1 });
  if (options.shift) await page.keyboard.up('Shift');
}

/** The page coordinates of a canvas offset. */
export async function pageXY(page: Page, point: Point): Promise<[number, number]> {
  const box = await canvas(page).boundingBox();
  if (!box) throw new Error('the canvas is not visible');
  return [box.x + point.x, box.y + point.y];
}

/** Rounds for comparisons of positions that went through floating point arithmetic. */
export const near = (value: number, digits = 0) => Number(value.toFixed(digits));
