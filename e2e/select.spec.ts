/**
 * The Select tool on a shared board: one person moves a rectangle and deletes it, the other sees
 * both; Undo brings it back for both.
 */
import {
  drag,
  drawRectangle,
  expectNoRectangle,
  expectRectangle,
  parkMouse,
  selectTool,
  translate,
} from './support/board';
import { expect, test } from './support/fixtures';
import type { Rect } from './support/pixels';

const RECT: Rect = { x1: 160, y1: 180, x2: 380, y2: 320 };
const MOVED = translate(RECT, 320, 160);

/** A point on the rectangle's top edge: a hit whether or not the shape is filled. */
const GRAB = { x: (RECT.x1 + RECT.x2) / 2, y: RECT.y1 };

test('moving, deleting and undoing a rectangle shows for both people', async ({ openBoard }) => {
  const alice = await openBoard(undefined, 'Alice');
  const bob = await openBoard(undefined, 'Bob');
  await drawRectangle(alice.page, RECT);
  await expectRectangle(bob.page, RECT);

  // Move: select it and drag it by its edge.
  await selectTool(alice.page, 'Select');
  await drag(alice.page, GRAB, { x: GRAB.x + 320, y: GRAB.y + 160 });
  await parkMouse(alice.page);
  await expectRectangle(alice.page, MOVED);
  await expectNoRectangle(alice.page, RECT);
  await expectRectangle(bob.page, MOVED);
  await expectNoRectangle(bob.page, RECT);

  // Delete: the moved rectangle is still selected.
  await alice.page.keyboard.press('Delete');
  await expectNoRectangle(alice.page, MOVED);
  await expectNoRectangle(bob.page, MOVED);
  await expectNoRectangle(bob.page, RECT);

  // Undo brings it back where it was last.
  await alice.page.getByRole('button', { name: 'Undo', exact: true }).click();
  await parkMouse(alice.page);
  await expectRectangle(alice.page, MOVED);
  await expectRectangle(bob.page, MOVED);
  await expect(alice.page.getByRole('button', { name: 'Redo', exact: true })).toBeEnabled();
});
