/**
 * One scenario per drawing tool: each draws what it should, where the pointer went, and stores it
 * for everyone (checked through `GET /api/boards/<id>`); the laser is seen but never stored.
 */
import { drag, drawRectangle, expectRectangle, moveTo, parkMouse, selectTool, SYNC_TIMEOUT, toolButton } from './support/board';
import { clickAt, command, expectShapeCount, expectStored, near, storedBeforeMarker, viewport } from './support/editor';
import { expect, test } from './support/fixtures';

test('Rectangle, Ellipse and Diamond draw the dragged box; Shift makes it square', async ({ openBoard, boardId }) => {
  const { page } = await openBoard();
  for (const [tool, x] of [['Rectangle', 250], ['Ellipse', 450], ['Diamond', 650]] as const) {
    await selectTool(page, tool);
    await drag(page, { x, y: 150 }, { x: x + 120, y: 230 });
  }
  await selectTool(page, 'Ellipse');
  await page.keyboard.down('Shift');
  await drag(page, { x: 250, y: 300 }, { x: 350, y: 360 });
  await page.keyboard.up('Shift');
  const shapes = await expectShapeCount(page, boardId, 4);
  expect(shapes.map(({ type, x, y, w, h }) => ({ type, x, y, w, h }))).toEqual([
    { type: 'rectangle', x: 250, y: 150, w: 120, h: 80 },
    { type: 'ellipse', x: 450, y: 150, w: 120, h: 80 },
    { type: 'diamond', x: 650, y: 150, w: 120, h: 80 },
    { type: 'ellipse', x: 250, y: 300, w: 100, h: 100 },
  ]);
  // The tool stays active after a shape.
  await expect(toolButton(page, 'Ellipse')).toHaveAttribute('aria-pressed', 'true');
});

test('Line and Arrow draw from press to release; Shift turns them in 15° steps', async ({ openBoard, boardId }) => {
  const { page } = await openBoard();
  await selectTool(page, 'Line');
  await drag(page, { x: 250, y: 200 }, { x: 400, y: 260 });
  await page.keyboard.press('a');
  await page.keyboard.down('Shift');
  await drag(page, { x: 500, y: 200 }, { x: 640, y: 206 });
  await page.keyboard.up('Shift');
  const [line, arrow] = await expectShapeCount(page, boardId, 2);
  expect(line).toMatchObject({ type: 'line', x: 250, y: 200, w: 150, h: 60, points: [0, 0, 150, 60] });
  expect(arrow).toMatchObject({ type: 'arrow', x: 500, y: 200, h: 0 });
  expect(near(arrow!.w)).toBe(near(Math.hypot(140, 6)));
});

test('Pen draws a stroke through the pointer path', async ({ openBoard, boardId }) => {
  const { page } = await openBoard();
  await selectTool(page, 'Pen');
  await drag(page, { x: 300, y: 300 }, { x: 500, y: 300 }, [{ x: 350, y: 250 }, { x: 420, y: 350 }]);
  const [stroke] = await expectShapeCount(page, boardId, 1);
  expect(stroke).toMatchObject({ type: 'pen', x: 300, y: 250, w: 200, h: 100 });
  expect(stroke!.points!.length % 3).toBe(0);
  expect(stroke!.points!.length / 3).toBeGreaterThan(10);
});

test('Text is typed in place: Enter for a new line, Escape keeps it; a double-click edits it', async ({ openBoard, boardId }) => {
  const { page } = await openBoard();
  await selectTool(page, 'Text');
  await clickAt(page, { x: 300, y: 300 });
  const box = page.getByRole('textbox', { name: 'Text', exact: true });
  await expect(box).toBeFocused();
  await page.keyboard.type('Hello');
  await page.keyboard.press('Enter');
  await page.keyboard.type('board');
  await page.keyboard.press('Escape');
  await expect(box).toHaveCount(0);
  const [text] = await expectShapeCount(page, boardId, 1);
  expect(text).toMatchObject({ type: 'text', text: 'Hello\nboard', x: 300 });

  // Double-click the text with the Select tool and change it; a click outside stores it.
  await selectTool(page, 'Select');
  await clickAt(page, { x: text!.x + 10, y: text!.y + 10 }, { count: 2 });
  await expect(box).toBeFocused();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('Changed');
  await clickAt(page, { x: 700, y: 500 });
  await expectStored(page, boardId, (shapes) => expect(shapes).toMatchObject([{ type: 'text', text: 'Changed' }]));
});

test('Sticky note: a click places a note that takes typing and wraps it', async ({ openBoard, boardId }) => {
  const { page } = await openBoard();
  await selectTool(page, 'Sticky note');
  await clickAt(page, { x: 500, y: 350 });
  await expect(page.getByRole('textbox', { name: 'Sticky note text' })).toBeFocused();
  await page.keyboard.type('A note long enough to wrap onto several lines');
  await page.keyboard.press('Escape');
  const [note] = await expectStored(page, boardId, (shapes) => expect(shapes).toMatchObject([{ type: 'sticky', text: 'A note long enough to wrap onto several lines' }]));
  expect(note).toMatchObject({ x: 400, y: 250, w: 200, h: 200, fill: '#ffec99' });
  // Another note colour from the style bar, for the selected note.
  await page.getByRole('button', { name: 'Blue note' }).click();
  await expectStored(page, boardId, (shapes) => expect(shapes[0]!.fill).toBe('#a5d8ff'));
});

test('Eraser deletes what it is dragged across, at once on release; Undo brings it back', async ({ openBoard, boardId }) => {
  const { page } = await openBoard();
  await drawRectangle(page, { x1: 250, y1: 150, x2: 350, y2: 250 });
  await drawRectangle(page, { x1: 450, y1: 150, x2: 550, y2: 250 });
  await drawRectangle(page, { x1: 650, y1: 150, x2: 750, y2: 250 });
  await expectShapeCount(page, boardId, 3);
  await selectTool(page, 'Eraser');
  // Across the left edges of the first two; the third is left alone.
  await drag(page, { x: 230, y: 200 }, { x: 470, y: 200 }, [{ x: 300, y: 210 }]);
  await expectStored(page, boardId, (shapes) => expect(shapes.map((s) => s.x)).toEqual([650]));
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expectShapeCount(page, boardId, 3);
});

test('Laser: the other person sees the trail live; nothing is stored', async ({ openBoard, boardId }) => {
  const alice = await openBoard(undefined, 'Alice');
  const bob = await openBoard(undefined, 'Bob');
  await selectTool(alice.page, 'Laser');
  await moveTo(alice.page, { x: 300, y: 300 }, 1);
  const trailOnBob = () => bob.page.evaluate(() => window.__tabula!.editor.overlay().lasers.length);
  // The trail fades a second after each point was drawn: Bob's page notes a trail as each of
  // Alice's presence changes arrives, rather than the test hoping to look within that second.
  await bob.page.evaluate(() => {
    const seen = window as unknown as { tabulaLaserSeen?: boolean };
    window.__tabula!.onPeers(() => {
      if (window.__tabula!.editor.overlay().lasers.length > 0) seen.tabulaLaserSeen = true;
    });
  });
  await alice.page.mouse.down();
  for (let i = 0; i < 10; i++) await moveTo(alice.page, { x: 300 + ((i * 37) % 300), y: 300 + ((i * 23) % 150) }, 2);
  await expect.poll(() => bob.page.evaluate(() => (window as unknown as { tabulaLaserSeen?: boolean }).tabulaLaserSeen === true)).toBe(true);
  await alice.page.mouse.up();
  // The trail fades, and the board stays empty.
  await expect.poll(trailOnBob, { timeout: SYNC_TIMEOUT }).toBe(0);
  expect(await storedBeforeMarker(alice.page, boardId)).toEqual([]);
});

test('Hand (and Space+drag) pan the view; a shape drawn afterwards lands where it shows', async ({ openBoard, boardId }) => {
  const { page } = await openBoard();
  await selectTool(page, 'Hand');
  await drag(page, { x: 600, y: 400 }, { x: 500, y: 350 });
  expect(await viewport(page)).toEqual({ x: 100, y: 50, zoom: 1 });
  await moveTo(page, { x: 600, y: 400 }, 1);
  await page.keyboard.down('Space');
  await drag(page, { x: 600, y: 400 }, { x: 650, y: 400 });
  await page.keyboard.up('Space');
  expect(await viewport(page)).toEqual({ x: 50, y: 50, zoom: 1 });
  await drawRectangle(page, { x1: 300, y1: 200, x2: 400, y2: 300 });
  await parkMouse(page);
  await expectRectangle(page, { x1: 300, y1: 200, x2: 400, y2: 300 });
  await expectStored(page, boardId, (shapes) => expect(shapes).toMatchObject([{ x: 350, y: 250, w: 100, h: 100 }]));
});

test('the style bar sets the look of the next shape and of the selection', async ({ openBoard, boardId }) => {
  const { page } = await openBoard();
  await selectTool(page, 'Rectangle');
  await page.getByRole('button', { name: 'Red', exact: true }).click();
  await page.getByRole('button', { name: 'Semi-transparent fill' }).click();
  await page.getByRole('button', { name: 'Thick', exact: true }).click();
  await page.getByRole('button', { name: 'Dashed stroke' }).click();
  await drag(page, { x: 300, y: 200 }, { x: 400, y: 300 });
  await expectStored(page, boardId, (shapes) =>
    expect(shapes).toMatchObject([{ stroke: '#e03131', fill: '#e0313140', strokeWidth: 4, strokeStyle: 'dashed' }]),
  );
  // Select it and make it blue: one more undo step.
  await selectTool(page, 'Select');
  await clickAt(page, { x: 300, y: 250 });
  await page.getByRole('button', { name: 'Blue', exact: true }).click();
  await expectStored(page, boardId, (shapes) => expect(shapes).toMatchObject([{ stroke: '#1971c2', fill: '#1971c240' }]));
  await command(page, 'z');
  await expectStored(page, boardId, (shapes) => expect(shapes).toMatchObject([{ stroke: '#e03131' }]));
  await expect(page.getByRole('button', { name: 'Undo', exact: true })).toBeEnabled();
});
