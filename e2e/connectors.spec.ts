/**
 * Connectors: an arrow drawn from one box to another binds to both; when another person moves a
 * box, the arrow follows on both screens and in the stored board (and live on the others' screens
 * while the box is dragged); deleting the box unbinds the end. An .excalidraw file with a bound
 * arrow imports with its binding.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { drag, drawRectangle, moveTo, parkMouse, selectTool, SYNC_TIMEOUT } from './support/board';
import { expectShapeCount, expectStored, shapesOnScreen, type StoredShape } from './support/editor';
import { expect, test } from './support/fixtures';
import { canvasPixels, inkShare, type Rect } from './support/pixels';

/** A connector's two ends on the board (drawn connectors are unrotated). */
function ends(shape: StoredShape | undefined): number[] {
  if (!shape?.points) throw new Error('not a connector');
  const p = shape.points;
  return [shape.x + p[0]!, shape.y + p[1]!, shape.x + p[p.length - 2]!, shape.y + p[p.length - 1]!].map((v) => Math.round(v * 10) / 10);
}

async function arrowOnScreen(page: Page): Promise<StoredShape | undefined> {
  return (await shapesOnScreen(page)).find((shape) => shape.type === 'arrow');
}

/** A and B on the board; A has drawn two boxes and an arrow from the middle of one to the other's. */
async function twoBoxesAndAnArrow(openBoard: (id: string, label: string) => Promise<{ page: Page }>, boardId: string) {
  const a = await openBoard(boardId, 'A');
  const b = await openBoard(boardId, 'B');
  await drawRectangle(a.page, { x1: 200, y1: 200, x2: 350, y2: 300 });
  await drawRectangle(a.page, { x1: 600, y1: 200, x2: 750, y2: 300 });
  await selectTool(a.page, 'Arrow');
  await drag(a.page, { x: 275, y: 250 }, { x: 675, y: 250 });
  await parkMouse(a.page);
  return { a, b, drawn: await expectShapeCount(a.page, boardId, 3) };
}

test('A draws an arrow between two boxes, B moves a box: the arrow follows on both screens; deleting the box unbinds', async ({ openBoard, boardId }) => {
  const { a, b, drawn } = await twoBoxesAndAnArrow(openBoard, boardId);
  const [left, right, arrow] = drawn;
  expect(arrow).toMatchObject({ type: 'arrow', startBinding: left!.id, endBinding: right!.id });
  // The ends sit on the boxes' outlines, not where the pointer was pressed and let go.
  expect(ends(arrow)).toEqual([350, 250, 600, 250]);

  // B drags the right box 200 down.
  await expect.poll(async () => (await shapesOnScreen(b.page)).length, { timeout: SYNC_TIMEOUT }).toBe(3);
  await selectTool(b.page, 'Select');
  await drag(b.page, { x: 675, y: 230 }, { x: 675, y: 430 });
  await parkMouse(b.page);
  // Centres (275, 250) and (675, 450): each end where the line between them leaves its box.
  const followed = [350, 287.5, 600, 412.5];
  await expect.poll(async () => ends(await arrowOnScreen(b.page)), { timeout: SYNC_TIMEOUT }).toEqual(followed);
  await expect.poll(async () => ends(await arrowOnScreen(a.page)), { timeout: SYNC_TIMEOUT }).toEqual(followed);
  await expectStored(a.page, boardId, (shapes) => expect(ends(shapes.find((shape) => shape.type === 'arrow'))).toEqual(followed));

  // B deletes the box (still selected): the arrow stays, its end unbound.
  await b.page.keyboard.press('Delete');
  const after = await expectShapeCount(a.page, boardId, 2);
  expect(after.find((shape) => shape.type === 'arrow')).toMatchObject({ startBinding: left!.id, endBinding: '' });
});

test("B drags a box: the arrow bound to it follows live on A's screen, before B lets go", async ({ openBoard, boardId }) => {
  const { a, b } = await twoBoxesAndAnArrow(openBoard, boardId);
  await expect.poll(async () => (await shapesOnScreen(b.page)).length, { timeout: SYNC_TIMEOUT }).toBe(3);

  // B holds the right box 200 lower. Centres (275, 250) and (675, 450): the arrow runs from
  // (350, 287.5) to (600, 412.5), its middle at (475, 350); it was at (475, 250).
  await selectTool(b.page, 'Select');
  await moveTo(b.page, { x: 675, y: 210 }, 1);
  await b.page.mouse.down();
  await moveTo(b.page, { x: 675, y: 410 }, 8);
  const was: Rect = { x1: 465, y1: 247, x2: 485, y2: 253 };
  const now: Rect = { x1: 465, y1: 345, x2: 485, y2: 355 };
  await expect.poll(async () => inkShare(await canvasPixels(a.page), now) > 0, { timeout: SYNC_TIMEOUT }).toBe(true);
  await expect.poll(async () => inkShare(await canvasPixels(a.page), was), { timeout: SYNC_TIMEOUT }).toBe(0);
  await b.page.mouse.up();
});

test('an .excalidraw file with a bound arrow imports with the binding', async ({ openBoard, boardId }) => {
  const { page } = await openBoard(boardId, 'A');
  const file = await readFile(new URL('../lib/io/fixtures/bound-arrow.excalidraw', import.meta.url));
  await page.getByTestId('import-input').setInputFiles({ name: 'bound-arrow.excalidraw', mimeType: 'application/json', buffer: file });
  const shapes = await expectShapeCount(page, boardId, 4);
  const [boxA, boxB, arrow, loose] = shapes;
  expect([boxA!.type, boxB!.type]).toEqual(['rectangle', 'ellipse']);
  expect(arrow).toMatchObject({ type: 'arrow', startBinding: boxA!.id, endBinding: boxB!.id });
  expect(loose).not.toHaveProperty('startBinding');
});
