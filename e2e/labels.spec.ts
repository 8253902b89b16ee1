/**
 * Labels, text style and snapping with two people on one board (one context each): a label typed
 * in a diamond moves with it on the other screen; two people typing in one label both keep their
 * words; a font and an alignment chosen by one show on the other's screen; a moved box snaps to
 * another's edge with a guide on the canvas and lands lined up.
 */
import type { Page } from '@playwright/test';
import { drag, drawRectangle, moveTo, parkMouse, selectTool, SYNC_TIMEOUT } from './support/board';
import { clickAt, expectShapeCount, expectStored, shapesOnScreen } from './support/editor';
import { expect, test } from './support/fixtures';
import { canvasPixels, inkShare, type Rect } from './support/pixels';

const labelBox = (page: Page) => page.getByRole('textbox', { name: 'Label' });

/** The snapping guides this page's overlay draws now. */
function guides(page: Page): Promise<{ axis: string; at: number }[]> {
  return page.evaluate(() => (window as unknown as { __tabula: { editor: { overlay(): { guides: { axis: string; at: number }[] } } } }).__tabula.editor.overlay().guides);
}

/** Whether this page's canvas shows ink (text) in the area. */
async function inkIn(page: Page, rect: Rect): Promise<boolean> {
  return inkShare(await canvasPixels(page), rect) > 0;
}

test('a label typed in a diamond moves with it, on the other screen too', async ({ openBoard, boardId }) => {
  const a = await openBoard(boardId, 'A');
  const b = await openBoard(boardId, 'B');
  await selectTool(a.page, 'Diamond');
  await drag(a.page, { x: 300, y: 200 }, { x: 500, y: 360 });
  await selectTool(a.page, 'Select');
  await clickAt(a.page, { x: 400, y: 280 }, { count: 2 });
  await expect(labelBox(a.page)).toBeFocused();
  await a.page.keyboard.type('Ship it?');
  await a.page.keyboard.press('Escape');
  await parkMouse(a.page);
  await expectStored(a.page, boardId, (shapes) => expect(shapes).toMatchObject([{ type: 'diamond', text: 'Ship it?' }]));

  // B sees the label at the diamond's centre.
  const atCentre: Rect = { x1: 370, y1: 272, x2: 430, y2: 288 };
  await expect.poll(() => inkIn(b.page, atCentre), { timeout: SYNC_TIMEOUT }).toBe(true);

  // A moves the diamond 200 right and 150 down: the label goes with it, on both screens.
  await drag(a.page, { x: 400, y: 320 }, { x: 600, y: 470 });
  await parkMouse(a.page);
  await expectStored(a.page, boardId, ([shape]) => expect(shape).toMatchObject({ x: 500, y: 350, text: 'Ship it?' }));
  const moved: Rect = { x1: 570, y1: 422, x2: 630, y2: 438 };
  for (const page of [a.page, b.page]) {
    await expect.poll(() => inkIn(page, moved), { timeout: SYNC_TIMEOUT }).toBe(true);
    await expect.poll(() => inkIn(page, atCentre), { timeout: SYNC_TIMEOUT }).toBe(false);
  }
});

test('A and B type in one label at once: both keep their words, on both screens', async ({ openBoard, boardId }) => {
  const a = await openBoard(boardId, 'A');
  const b = await openBoard(boardId, 'B');
  await drawRectangle(a.page, { x1: 300, y1: 200, x2: 600, y2: 320 });
  await selectTool(a.page, 'Select');
  await clickAt(a.page, { x: 450, y: 260 }, { count: 2 });
  await expect(labelBox(a.page)).toBeFocused();
  await a.page.keyboard.type('Agenda:');
  await expectStored(a.page, boardId, (shapes) => expect(shapes).toMatchObject([{ type: 'rectangle', text: 'Agenda:' }]));

  // B opens the same label while A is still in it, and puts the caret at the start.
  await selectTool(b.page, 'Select');
  await clickAt(b.page, { x: 450, y: 260 }, { count: 2 });
  await expect(labelBox(b.page)).toBeFocused();
  await expect(labelBox(b.page)).toHaveValue('Agenda:');
  await b.page.keyboard.press('ControlOrMeta+Home');

  await Promise.all([a.page.keyboard.type(' budget, hiring', { delay: 40 }), b.page.keyboard.type('Weekly ', { delay: 70 })]);
  const merged = 'Weekly Agenda: budget, hiring';
  await expect(labelBox(a.page)).toHaveValue(merged, { timeout: SYNC_TIMEOUT });
  await expect(labelBox(b.page)).toHaveValue(merged, { timeout: SYNC_TIMEOUT });
  await a.page.keyboard.press('Escape');
  await b.page.keyboard.press('Escape');
  await expectStored(a.page, boardId, (shapes) => expect(shapes).toMatchObject([{ type: 'rectangle', text: merged }]));
  await expect.poll(async () => (await shapesOnScreen(b.page))[0]?.text, { timeout: SYNC_TIMEOUT }).toBe(merged);
});

test("a font and an alignment chosen by A show on B's screen", async ({ openBoard, boardId }) => {
  const a = await openBoard(boardId, 'A');
  const b = await openBoard(boardId, 'B');
  await drawRectangle(a.page, { x1: 300, y1: 200, x2: 500, y2: 300 });
  await selectTool(a.page, 'Select');
  await clickAt(a.page, { x: 400, y: 250 }, { count: 2 });
  await a.page.keyboard.type('Hi');
  await a.page.keyboard.press('Escape');
  await parkMouse(a.page);
  // Centred at first, on B's screen.
  const middle: Rect = { x1: 390, y1: 244, x2: 410, y2: 256 };
  const right: Rect = { x1: 470, y1: 244, x2: 490, y2: 256 };
  await expect.poll(() => inkIn(b.page, middle), { timeout: SYNC_TIMEOUT }).toBe(true);

  // The rectangle is selected once its label is typed: A picks the monospace font and aligns right.
  const style = a.page.getByRole('complementary', { name: 'Style' });
  await style.getByRole('button', { name: 'Font: monospace' }).click();
  await style.getByRole('button', { name: 'Align text right' }).click();
  await expect(style.getByRole('button', { name: 'Font: monospace' })).toHaveAttribute('aria-pressed', 'true');
  await expect(style.getByRole('button', { name: 'Align text right' })).toHaveAttribute('aria-pressed', 'true');
  await expectStored(a.page, boardId, ([shape]) => expect(shape).toMatchObject({ text: 'Hi', fontFamily: 'mono', textAlign: 'right' }));

  // B's canvas draws the label at the right, and B's style bar shows the font and the alignment.
  await expect.poll(() => inkIn(b.page, right), { timeout: SYNC_TIMEOUT }).toBe(true);
  await expect.poll(() => inkIn(b.page, middle), { timeout: SYNC_TIMEOUT }).toBe(false);
  await selectTool(b.page, 'Select');
  await clickAt(b.page, { x: 300, y: 250 });
  const bStyle = b.page.getByRole('complementary', { name: 'Style' });
  await expect(bStyle.getByRole('button', { name: 'Font: monospace' })).toHaveAttribute('aria-pressed', 'true');
  await expect(bStyle.getByRole('button', { name: 'Align text right' })).toHaveAttribute('aria-pressed', 'true');
  await expect(bStyle.getByRole('button', { name: 'Font: hand-written' })).toHaveAttribute('aria-pressed', 'false');
});

test("a moved box snaps to another's edge: a guide shows while it moves, and it lands lined up", async ({ openBoard, boardId }) => {
  const a = await openBoard(boardId, 'A');
  const b = await openBoard(boardId, 'B');
  await drawRectangle(a.page, { x1: 200, y1: 200, x2: 350, y2: 300 });
  await drawRectangle(a.page, { x1: 500, y1: 420, x2: 600, y2: 480 });
  await expectShapeCount(a.page, boardId, 2);
  await selectTool(a.page, 'Select');

  // Grab the second box and bring its left edge 3 pixels right of the first box's left edge.
  await moveTo(a.page, { x: 550, y: 425 }, 1);
  await a.page.mouse.down();
  await moveTo(a.page, { x: 253, y: 575 }, 8);
  expect(await guides(a.page)).toContainEqual(expect.objectContaining({ axis: 'x', at: 200 }));
  // The guide is drawn: red pixels down x = 200 between the boxes (no shape there).
  const pixels = await canvasPixels(a.page);
  const red = (y: number) => {
    const i = (y * pixels.width + 200) * 4;
    return pixels.data[i]! > 180 && pixels.data[i + 1]! < 120 && pixels.data[i + 2]! < 120;
  };
  expect([380, 420, 460].every(red)).toBe(true);
  await a.page.mouse.up();
  await parkMouse(a.page);

  await expectStored(a.page, boardId, ([, moved]) => expect(moved).toMatchObject({ x: 200, y: 570 }));
  await expect.poll(async () => (await shapesOnScreen(b.page))[1]?.x, { timeout: SYNC_TIMEOUT }).toBe(200);
  // No guide once the move is over.
  expect(await guides(a.page)).toEqual([]);
});
