/**
 * Arranging shapes with two people on one board: A aligns two rectangles from the style bar and B
 * sees them aligned; A locks a shape by keyboard, and a drag on it moves it on neither screen nor
 * in the stored board, until A unlocks it from the style bar; A groups two shapes by keyboard, B
 * drags one and both move, A ungroups them from the style bar.
 */
import type { Page } from '@playwright/test';
import { drag, drawRectangle, parkMouse, selectTool, SYNC_TIMEOUT } from './support/board';
import { clickAt, expectShapeCount, expectStored, shapesOnScreen, storedBeforeMarker } from './support/editor';
import { expect, test } from './support/fixtures';
import type { Rect } from './support/pixels';

const box = (shape: { x: number; y: number } | undefined) => shape && { x: Math.round(shape.x), y: Math.round(shape.y) };

/** A and B on the board; A has drawn the rectangles (stored) and holds the Select tool. */
async function twoPeopleAndRectangles(openBoard: (id: string, label: string) => Promise<{ page: Page }>, boardId: string, rects: readonly Rect[]) {
  const a = await openBoard(boardId, 'A');
  const b = await openBoard(boardId, 'B');
  for (const rect of rects) await drawRectangle(a.page, rect);
  const drawn = await expectShapeCount(a.page, boardId, rects.length);
  await selectTool(a.page, 'Select');
  return { a, b, drawn };
}

test('A aligns two rectangles from the style bar and B sees them aligned', async ({ openBoard, boardId }) => {
  const { a, b } = await twoPeopleAndRectangles(openBoard, boardId, [{ x1: 200, y1: 200, x2: 350, y2: 300 }, { x1: 500, y1: 350, x2: 600, y2: 450 }]);

  // One shape selected: no alignment offered.
  await clickAt(a.page, { x: 550, y: 360 });
  const style = a.page.getByRole('complementary', { name: 'Style' });
  await expect(style.getByRole('button', { name: 'Align top' })).toHaveCount(0);
  // Both selected: align top, and the distribution waits for a third shape.
  await drag(a.page, { x: 150, y: 150 }, { x: 700, y: 550 });
  await parkMouse(a.page);
  await expect(style.getByRole('button', { name: 'Distribute horizontally' })).toBeDisabled();
  await style.getByRole('button', { name: 'Align top' }).click();

  const aligned = [{ x: 200, y: 200 }, { x: 500, y: 200 }];
  await expect.poll(async () => (await shapesOnScreen(b.page)).map(box), { timeout: SYNC_TIMEOUT }).toEqual(aligned);
  await expectStored(a.page, boardId, (shapes) => expect(shapes.map(box)).toEqual(aligned));
});

test('A locks a shape: a drag on it moves it on neither screen, until A unlocks it', async ({ openBoard, boardId }) => {
  const { a, b, drawn: [drawn] } = await twoPeopleAndRectangles(openBoard, boardId, [{ x1: 200, y1: 200, x2: 350, y2: 300 }]);
  await clickAt(a.page, { x: 275, y: 210 });
  await a.page.keyboard.press('ControlOrMeta+Shift+L');
  const style = a.page.getByRole('complementary', { name: 'Style' });
  await expect(style.getByRole('button', { name: 'Unlock' })).toBeVisible();
  await expectStored(a.page, boardId, ([shape]) => expect(shape?.locked).toBe(true));
  await expect.poll(async () => (await shapesOnScreen(b.page))[0]?.locked, { timeout: SYNC_TIMEOUT }).toBe(true);

  await drag(a.page, { x: 275, y: 210 }, { x: 475, y: 410 });
  await selectTool(b.page, 'Select');
  await drag(b.page, { x: 275, y: 210 }, { x: 275, y: 450 });
  await parkMouse(a.page);
  await parkMouse(b.page);
  const where = { x: drawn!.x, y: drawn!.y };
  for (const page of [a.page, b.page]) {
    const shapes = await storedBeforeMarker(page, boardId);
    expect(shapes.map(box)).toEqual([where]);
  }
  await expect.poll(async () => box((await shapesOnScreen(a.page))[0]), { timeout: SYNC_TIMEOUT }).toEqual(where);
  await expect.poll(async () => box((await shapesOnScreen(b.page))[0]), { timeout: SYNC_TIMEOUT }).toEqual(where);
  // A click does not select it either.
  await selectTool(a.page, 'Select');
  await clickAt(a.page, { x: 275, y: 210 });
  await expect(style.getByRole('button', { name: /^(Lock|Unlock)$/ })).toHaveCount(0);

  // A double-click selects it; Unlock in the style bar frees it, and B can move it again.
  await clickAt(a.page, { x: 275, y: 210 }, { count: 2 });
  await style.getByRole('button', { name: 'Unlock' }).click();
  await expect(style.getByRole('button', { name: 'Lock' })).toBeVisible();
  await expect.poll(async () => (await shapesOnScreen(b.page))[0]?.locked, { timeout: SYNC_TIMEOUT }).toBe(false);
  await selectTool(b.page, 'Select');
  await drag(b.page, { x: 275, y: 210 }, { x: 275, y: 310 });
  await expectStored(b.page, boardId, (shapes) => expect(box(shapes.find((shape) => shape.id === drawn!.id))).toEqual({ x: where.x, y: where.y + 100 }));
});

test('A groups two rectangles by keyboard, B drags one and both move; A ungroups them from the style bar', async ({ openBoard, boardId }) => {
  const { a, b } = await twoPeopleAndRectangles(openBoard, boardId, [{ x1: 200, y1: 200, x2: 300, y2: 300 }, { x1: 400, y1: 200, x2: 500, y2: 300 }]);
  await drag(a.page, { x: 150, y: 150 }, { x: 550, y: 350 });
  await a.page.keyboard.press('ControlOrMeta+G');
  const grouped = await expectStored(a.page, boardId, ([first, second]) => {
    expect(first?.groupId).toMatch(/^[\w-]+$/);
    expect(second?.groupId).toBe(first?.groupId);
  });

  await expect.poll(async () => (await shapesOnScreen(b.page)).map((shape) => shape.groupId), { timeout: SYNC_TIMEOUT }).toEqual(grouped.map((shape) => shape.groupId));
  await selectTool(b.page, 'Select');
  await drag(b.page, { x: 250, y: 210 }, { x: 250, y: 310 });
  await parkMouse(b.page);
  const moved = [{ x: 200, y: 300 }, { x: 400, y: 300 }];
  await expect.poll(async () => (await shapesOnScreen(a.page)).map(box), { timeout: SYNC_TIMEOUT }).toEqual(moved);
  await expectStored(a.page, boardId, (shapes) => expect(shapes.map(box)).toEqual(moved));

  // A click on one shape selects the group; Ungroup in the style bar takes both out of it.
  await clickAt(a.page, { x: 450, y: 310 });
  await a.page.getByRole('complementary', { name: 'Style' }).getByRole('button', { name: 'Ungroup' }).click();
  await expectStored(a.page, boardId, (shapes) => expect(shapes.map((shape) => shape.groupId)).toEqual(['', '']));
});
