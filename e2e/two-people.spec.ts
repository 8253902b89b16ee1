/**
 * Two people on one shape at once. The board keeps each shape's properties apart, so Alice moving
 * a rectangle while Bob recolours it keeps both changes, on both screens. Undo is per person:
 * Alice's undo takes back only her own steps, never Bob's work.
 */
import { drag, drawRectangle, expectRectangle, parkMouse, selectTool, SYNC_TIMEOUT } from './support/board';
import { clickAt, expectShapeCount, expectStored, shapesOnScreen } from './support/editor';
import { expect, test } from './support/fixtures';

test('Alice moves a shape while Bob recolours it: both changes survive on both screens', async ({ openBoard, boardId }) => {
  const alice = await openBoard(undefined, 'Alice');
  const bob = await openBoard(undefined, 'Bob');
  await drawRectangle(alice.page, { x1: 300, y1: 200, x2: 450, y2: 300 });
  await expectRectangle(bob.page, { x1: 300, y1: 200, x2: 450, y2: 300 });

  // Both select it; Bob picks red while Alice's drag is under way.
  await selectTool(alice.page, 'Select');
  await clickAt(alice.page, { x: 300, y: 250 });
  await selectTool(bob.page, 'Select');
  await clickAt(bob.page, { x: 300, y: 250 });
  // Alice grabs the top edge, away from the handles, and drags it by (200, 100).
  const box = (await alice.page.getByTestId('canvas').boundingBox())!;
  await alice.page.mouse.move(box.x + 340, box.y + 200);
  await alice.page.mouse.down();
  await alice.page.mouse.move(box.x + 440, box.y + 250, { steps: 5 });
  await bob.page.getByRole('button', { name: 'Red', exact: true }).click();
  await alice.page.mouse.move(box.x + 540, box.y + 300, { steps: 5 });
  await alice.page.mouse.up();

  const expected = { x: 500, y: 300, stroke: '#e03131' };
  await expectStored(alice.page, boardId, (shapes) => expect(shapes).toMatchObject([expected]));
  for (const person of [alice, bob]) {
    await expect.poll(() => shapesOnScreen(person.page), { timeout: SYNC_TIMEOUT }).toMatchObject([expected]);
  }
  await parkMouse(alice.page);
  await parkMouse(bob.page);
  await expectRectangle(bob.page, { x1: 500, y1: 300, x2: 650, y2: 400 });
});

test("Alice's undo takes back her own steps and leaves Bob's work", async ({ openBoard, boardId }) => {
  const alice = await openBoard(undefined, 'Alice');
  const bob = await openBoard(undefined, 'Bob');
  await drawRectangle(alice.page, { x1: 250, y1: 200, x2: 350, y2: 300 });
  await expectShapeCount(bob.page, boardId, 1);
  // Bob draws his own rectangle and recolours Alice's.
  await drawRectangle(bob.page, { x1: 500, y1: 200, x2: 600, y2: 300 });
  await selectTool(bob.page, 'Select');
  await clickAt(bob.page, { x: 250, y: 250 });
  await bob.page.getByRole('button', { name: 'Green', exact: true }).click();
  await expectStored(bob.page, boardId, (shapes) => expect(shapes).toMatchObject([{ x: 250, stroke: '#2f9e44' }, { x: 500 }]));

  // Alice moves her rectangle, then undoes twice: the move, then her drawing. Bob's rectangle stays.
  await selectTool(alice.page, 'Select');
  await drag(alice.page, { x: 250, y: 250 }, { x: 300, y: 400 });
  await expectStored(alice.page, boardId, (shapes) => expect(shapes).toMatchObject([{ x: 300, y: 350, stroke: '#2f9e44' }, { x: 500 }]));
  const undo = alice.page.getByRole('button', { name: 'Undo', exact: true });
  await undo.click();
  await expectStored(alice.page, boardId, (shapes) => expect(shapes).toMatchObject([{ x: 250, y: 200, stroke: '#2f9e44' }, { x: 500 }]));
  await undo.click();
  await expectStored(alice.page, boardId, (shapes) => expect(shapes).toMatchObject([{ x: 500, y: 200 }]));
  await expect.poll(() => shapesOnScreen(bob.page), { timeout: SYNC_TIMEOUT }).toMatchObject([{ x: 500, y: 200 }]);
  await expect(undo).toBeDisabled();
  // Bob's own undo still has his steps.
  await expect(bob.page.getByRole('button', { name: 'Undo', exact: true })).toBeEnabled();
});
