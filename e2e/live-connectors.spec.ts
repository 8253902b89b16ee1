/**
 * A bound arrow follows a box while another person drags the box (before the drop), on the
 * screen of the person who drew it: the live preview carries the arrow's geometry too.
 */
import { drag, drawRectangle, moveTo, parkMouse, selectTool, SYNC_TIMEOUT } from './support/board';
import { expectShapeCount, shapesOnScreen } from './support/editor';
import { expect, test } from './support/fixtures';
import { canvasPixels, inkShare, type Rect } from './support/pixels';

test("B drags a box: the arrow bound to it follows live on A's screen, before B lets go", async ({ openBoard, boardId }) => {
  const a = await openBoard(boardId, 'A');
  const b = await openBoard(boardId, 'B');
  await drawRectangle(a.page, { x1: 200, y1: 200, x2: 350, y2: 300 });
  await drawRectangle(a.page, { x1: 600, y1: 200, x2: 750, y2: 300 });
  await selectTool(a.page, 'Arrow');
  await drag(a.page, { x: 275, y: 250 }, { x: 675, y: 250 });
  await parkMouse(a.page);
  await expectShapeCount(a.page, boardId, 3);
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
