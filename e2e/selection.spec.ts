/**
 * Selecting and transforming: click, Shift-click and marquee; moving by drag and with the arrow
 * keys; resizing with a handle (Shift keeps the aspect ratio); rotating with the rotation handle;
 * duplicate, select all, stacking order, delete, and each of these undone and redone as one step.
 */
import { drag, drawRectangle, selectTool } from './support/board';
import { clickAt, command, expectShapeCount, expectStored, near, type StoredShape } from './support/editor';
import { expect, test } from './support/fixtures';

const byX = (shapes: StoredShape[]) => [...shapes].sort((a, b) => a.x - b.x);

test('click, Shift-click and marquee select; a drag moves the selection as one undo step', async ({ openBoard, boardId }) => {
  const { page } = await openBoard();
  await drawRectangle(page, { x1: 250, y1: 150, x2: 350, y2: 250 });
  await drawRectangle(page, { x1: 450, y1: 150, x2: 550, y2: 250 });
  await drawRectangle(page, { x1: 650, y1: 150, x2: 750, y2: 250 });
  await expectShapeCount(page, boardId, 3);
  await selectTool(page, 'Select');

  // Shift-click the first two (on their edges), then drag one of them: both move.
  await clickAt(page, { x: 250, y: 200 });
  await clickAt(page, { x: 450, y: 200 }, { shift: true });
  await drag(page, { x: 450, y: 150 }, { x: 480, y: 190 });
  await expectStored(page, boardId, (shapes) => expect(byX(shapes).map((s) => [s.x, s.y])).toEqual([[280, 190], [480, 190], [650, 150]]));

  // A marquee around the last two only.
  await drag(page, { x: 420, y: 120 }, { x: 800, y: 300 });
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Shift+ArrowDown');
  await expectStored(page, boardId, (shapes) => expect(byX(shapes).map((s) => [s.x, s.y])).toEqual([[280, 190], [481, 200], [651, 160]]));

  // Undo the two nudges and the move, one step each; redo one.
  await command(page, 'z');
  await command(page, 'z');
  await command(page, 'z');
  await expectStored(page, boardId, (shapes) => expect(byX(shapes).map((s) => [s.x, s.y])).toEqual([[250, 150], [450, 150], [650, 150]]));
  await command(page, 'Shift+Z');
  await expectStored(page, boardId, (shapes) => expect(byX(shapes).map((s) => [s.x, s.y])).toEqual([[280, 190], [480, 190], [650, 150]]));
});

test('a corner handle resizes, Shift keeps the aspect ratio, and the rotation handle turns', async ({ openBoard, boardId }) => {
  const { page } = await openBoard();
  await drawRectangle(page, { x1: 300, y1: 200, x2: 500, y2: 300 });
  await selectTool(page, 'Select');
  await clickAt(page, { x: 300, y: 250 });

  // South-east handle from (500, 300) to (600, 350): the north-west corner stays.
  await drag(page, { x: 500, y: 300 }, { x: 600, y: 350 });
  await expectStored(page, boardId, (shapes) => expect(shapes).toMatchObject([{ x: 300, y: 200, w: 300, h: 150 }]));

  // Shift: the larger scale wins on both axes (300 x 150 -> 400 x 200).
  await page.keyboard.down('Shift');
  await drag(page, { x: 600, y: 350 }, { x: 700, y: 360 });
  await page.keyboard.up('Shift');
  await expectStored(page, boardId, (shapes) => expect(shapes).toMatchObject([{ x: 300, y: 200, w: 400, h: 200 }]));

  // The rotation handle sits 24 px above the top edge's middle (500, 176). Dragging it to the
  // right of the centre (500, 300) turns the shape a quarter turn clockwise.
  await drag(page, { x: 500, y: 176 }, { x: 700, y: 300 }, [{ x: 600, y: 200 }]);
  const [turned] = await expectStored(page, boardId, (shapes) => expect(near(shapes[0]!.rotation, 3)).toBe(near(Math.PI / 2, 3)));
  expect(turned).toMatchObject({ x: 300, y: 200, w: 400, h: 200 });

  await command(page, 'z');
  await expectStored(page, boardId, (shapes) => expect(shapes).toMatchObject([{ rotation: 0, w: 400 }]));
  await command(page, 'z');
  await expectStored(page, boardId, (shapes) => expect(shapes).toMatchObject([{ w: 300, h: 150 }]));
});

test('a rotated shape is hit where it is drawn', async ({ openBoard, boardId }) => {
  const { page } = await openBoard();
  await drawRectangle(page, { x1: 300, y1: 280, x2: 500, y2: 320 });
  await selectTool(page, 'Select');
  await clickAt(page, { x: 300, y: 300 });
  await drag(page, { x: 400, y: 256 }, { x: 520, y: 300 });
  await expectStored(page, boardId, (shapes) => expect(near(shapes[0]!.rotation, 2)).toBe(near(Math.PI / 2, 2)));
  await page.keyboard.press('Escape');
  // Turned a quarter, the bar stands from (380, 200) to (420, 400): its old ends are empty now.
  await clickAt(page, { x: 305, y: 300 });
  await expect(page.getByRole('button', { name: 'Delete', exact: true })).toHaveCount(0);
  await clickAt(page, { x: 400, y: 202 });
  await expect(page.getByRole('button', { name: 'Delete', exact: true })).toHaveCount(1);
});

test('duplicate, select all, stacking order and delete', async ({ openBoard, boardId }) => {
  const { page } = await openBoard();
  await drawRectangle(page, { x1: 300, y1: 200, x2: 400, y2: 300 });
  await selectTool(page, 'Select');
  await clickAt(page, { x: 300, y: 250 });
  await command(page, 'd');
  const [original, copy] = await expectShapeCount(page, boardId, 2);
  expect(copy).toMatchObject({ x: 316, y: 216, w: 100, h: 100 });
  expect(copy!.id).not.toBe(original!.id);

  // The copy is selected and on top; send it to the back, then bring it forward again.
  await command(page, 'Shift+BracketLeft');
  await expectStored(page, boardId, (shapes) => expect(shapes.map((s) => s.id)).toEqual([copy!.id, original!.id]));
  await command(page, 'BracketRight');
  await expectStored(page, boardId, (shapes) => expect(shapes.map((s) => s.id)).toEqual([original!.id, copy!.id]));

  await command(page, 'a');
  await page.keyboard.press('Delete');
  await expectShapeCount(page, boardId, 0);
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expectShapeCount(page, boardId, 2);
  await page.getByRole('button', { name: 'Redo', exact: true }).click();
  await expectShapeCount(page, boardId, 0);
});
