/**
 * Panning and zooming move the view, never the shapes: a rectangle stays at the screen place the
 * viewport arithmetic says, whether the view moved by wheel, Ctrl+wheel, buttons or keys.
 */
import type { Page } from '@playwright/test';
import { canvas, drawRectangle, expectNoRectangle, expectRectangle, parkMouse } from './support/board';
import { expectShapeCount, viewport } from './support/editor';
import { expect, test } from './support/fixtures';
import type { Rect } from './support/pixels';
import { createBoard } from './support/access';

const RECT: Rect = { x1: 400, y1: 250, x2: 600, y2: 400 };

/** Where a board rectangle shows on the canvas for a viewport. */
function onScreen(rect: Rect, view: { x: number; y: number; zoom: number }): Rect {
  const at = (x: number, y: number) => ({ x: (x - view.x) * view.zoom, y: (y - view.y) * view.zoom });
  const a = at(rect.x1, rect.y1);
  const b = at(rect.x2, rect.y2);
  return { x1: Math.round(a.x), y1: Math.round(a.y), x2: Math.round(b.x), y2: Math.round(b.y) };
}

async function wheel(page: Page, at: { x: number; y: number }, deltaX: number, deltaY: number, ctrl = false) {
  const box = (await canvas(page).boundingBox())!;
  await page.mouse.move(box.x + at.x, box.y + at.y);
  if (ctrl) await page.keyboard.down('Control');
  await page.mouse.wheel(deltaX, deltaY);
  if (ctrl) await page.keyboard.up('Control');
}

test('the wheel pans and Ctrl+wheel zooms about the pointer; shapes stay at their board place', async ({ openBoard, boardId }) => {
  const { page } = await openBoard();
  await drawRectangle(page, RECT);
  await expectShapeCount(page, boardId, 1);
  await parkMouse(page);
  await expectRectangle(page, RECT);

  await wheel(page, { x: 640, y: 400 }, 120, 80);
  await expect.poll(() => viewport(page)).toEqual({ x: 120, y: 80, zoom: 1 });
  await parkMouse(page);
  await expectRectangle(page, onScreen(RECT, { x: 120, y: 80, zoom: 1 }));
  await expectNoRectangle(page, RECT);

  // Zoom in about (500, 320): that board point stays under the pointer.
  const before = await viewport(page);
  const anchor = { x: before.x + 500, y: before.y + 320 };
  await wheel(page, { x: 500, y: 320 }, 0, -100, true);
  await expect.poll(async () => (await viewport(page)).zoom).toBeGreaterThan(1.2);
  const zoomed = await viewport(page);
  expect((anchor.x - zoomed.x) * zoomed.zoom).toBeCloseTo(500, 3);
  expect((anchor.y - zoomed.y) * zoomed.zoom).toBeCloseTo(320, 3);
  await parkMouse(page);
  await expectRectangle(page, onScreen(RECT, zoomed));
  await expect(page.getByTestId('zoom-level')).toHaveText(`${Math.round(zoomed.zoom * 100)}%`);
});

test('zoom buttons and keys: in, out, 100% (Shift+0), fit (Shift+1), within 10% to 800%', async ({ openBoard, boardId }) => {
  const { page } = await openBoard();
  await drawRectangle(page, RECT);
  await expectShapeCount(page, boardId, 1);
  const level = page.getByTestId('zoom-level');

  await page.getByRole('button', { name: 'Zoom in' }).click();
  await expect(level).toHaveText('125%');
  await page.keyboard.press('ControlOrMeta+Minus');
  await page.keyboard.press('ControlOrMeta+Minus');
  await expect(level).toHaveText('75%');
  await parkMouse(page);
  await expectRectangle(page, onScreen(RECT, await viewport(page)));

  // Fit with the Select tool (no style bar): the whole rectangle is in view.
  await page.keyboard.press('v');
  await page.keyboard.press('Shift+Digit1');
  await expect(level).not.toHaveText('75%');
  const fitted = await viewport(page);
  // Fitted: the rectangle sits in the middle of the canvas.
  const fit = onScreen(RECT, fitted);
  expect((fit.x1 + fit.x2) / 2).toBeCloseTo(640, -1);
  expect((fit.y1 + fit.y2) / 2).toBeCloseTo(400, -1);
  await parkMouse(page);
  await expectRectangle(page, fit);

  await page.keyboard.press('Shift+Digit0');
  await expect(level).toHaveText('100%');
  for (let i = 0; i < 20; i++) await page.keyboard.press('ControlOrMeta+Equal');
  await expect(level).toHaveText('800%');
  for (let i = 0; i < 30; i++) await page.keyboard.press('ControlOrMeta+Minus');
  await expect(level).toHaveText('10%');
  await page.getByRole('button', { name: /reset to 100%/ }).click();
  await expect(level).toHaveText('100%');
});

test('on a board of thousands of shapes, the view moves and settles with every shape where it is', async ({ openBoard, server }) => {
  // 3,000 small squares in the left part of the view (more than a direct paint per frame takes,
  // so panning and zooming go through the motion layer) and one large rectangle on its own.
  const squares = Array.from({ length: 3000 }, (_, i) => ({
    id: `q${i}`, type: 'rectangle', x: (i % 50) * 10, y: Math.floor(i / 50) * 10, w: 6, h: 6, z: `a${String(i).padStart(4, '0')}`,
  }));
  const big = { id: 'big', type: 'rectangle', x: 800, y: 300, w: 200, h: 150, z: 'b0', strokeWidth: 3 };
  const { editLink } = await createBoard(server.url, { format: 'tabula', version: 1, shapes: [...squares, big] });
  const { page } = await openBoard(editLink);
  const BIG: Rect = { x1: 800, y1: 300, x2: 1000, y2: 450 };
  await parkMouse(page);
  await expectRectangle(page, BIG);

  await wheel(page, { x: 640, y: 400 }, 120, 80);
  await expect.poll(() => viewport(page)).toEqual({ x: 120, y: 80, zoom: 1 });
  await parkMouse(page);
  await expectRectangle(page, onScreen(BIG, { x: 120, y: 80, zoom: 1 }));
  await expectNoRectangle(page, BIG);

  for (let i = 0; i < 3; i++) await wheel(page, { x: 900, y: 300 }, 0, 100, true);
  await expect.poll(async () => (await viewport(page)).zoom).toBeLessThan(0.6);
  const zoomed = await viewport(page);
  await parkMouse(page);
  await expectRectangle(page, onScreen(BIG, zoomed));

  // Drawn after the motion: shows at once, as on any board.
  const drawn: Rect = { x1: 700, y1: 600, x2: 900, y2: 720 };
  await drawRectangle(page, drawn);
  await parkMouse(page);
  await expectRectangle(page, drawn);
  await expectRectangle(page, onScreen(BIG, zoomed));
});
