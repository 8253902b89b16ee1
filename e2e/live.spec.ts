/**
 * Seeing others work: follow mode (B's viewport tracks A's until B pans or presses Escape), a
 * stroke or a drag in progress on A's screen shows on B's before A releases the pointer, and two
 * people dragging the same shape at once end with identical boards.
 *
 * The editor has no pan gesture yet (issue 3 builds it): A "pans" through the page's
 * `window.__tabula.setViewport`, which moves the viewport exactly as a pan by the user does.
 */
import {
  canvas,
  drawRectangle,
  expectNoRectangle,
  expectNoStroke,
  expectRectangle,
  expectStroke,
  gotoBoard,
  moveTo,
  selectTool,
  setDisplayName,
  translate,
} from './support/board';
import { expectPresenceSeen, followButton, followingIndicator, pointerOffCanvas, setViewport, shapesJson, viewport } from './support/collab';
import { expect, test } from './support/fixtures';
import { canvasPixels, type Rect } from './support/pixels';

const RECT: Rect = { x1: 160, y1: 180, x2: 380, y2: 320 };

test('B follows A: A pans and B moves with A; B pans and following stops; Escape stops too', async ({ openBoard }) => {
  const alice = await openBoard(undefined, 'Alice');
  const bob = await openBoard(undefined, 'Bob');
  await setDisplayName(alice.page, 'Alice');

  await followButton(bob.page, 'Alice').click();
  await expect(followingIndicator(bob.page)).toHaveText(/Following Alice/);
  await expect(followButton(bob.page, 'Alice')).toHaveAttribute('aria-pressed', 'true');

  await setViewport(alice.page, { x: 1000, y: 500, zoom: 1 });
  await expect.poll(() => viewport(bob.page)).toEqual({ x: 1000, y: 500, zoom: 1 });
  // What Alice draws now (at board 1160, 680) is where Bob sees it on his screen too.
  await drawRectangle(alice.page, RECT);
  await pointerOffCanvas(alice.page);
  await expectRectangle(bob.page, RECT);

  await setViewport(alice.page, { x: 1200, y: 400, zoom: 1.5 });
  await expect.poll(() => viewport(bob.page)).toEqual({ x: 1200, y: 400, zoom: 1.5 });

  // Bob pans: following stops, and Alice's next pan leaves him where he is.
  await setViewport(bob.page, { x: 0, y: 0, zoom: 1 });
  await expect(followingIndicator(bob.page)).toHaveCount(0);
  await expect(followButton(bob.page, 'Alice')).toHaveAttribute('aria-pressed', 'false');
  await setViewport(alice.page, { x: 3000, y: 3000, zoom: 1 });
  await expectPresenceSeen(alice.page, bob.page, 'Alice', { x: 600, y: 500 });
  expect(await viewport(bob.page)).toEqual({ x: 0, y: 0, zoom: 1 });

  // Following again catches up with Alice at once; Escape stops it.
  await followButton(bob.page, 'Alice').click();
  await expect.poll(() => viewport(bob.page)).toEqual({ x: 3000, y: 3000, zoom: 1 });
  await canvas(bob.page).hover({ position: { x: 600, y: 600 } });
  await bob.page.keyboard.press('Escape');
  await expect(followingIndicator(bob.page)).toHaveCount(0);
  await setViewport(alice.page, { x: 0, y: 0, zoom: 1 });
  await expectPresenceSeen(alice.page, bob.page, 'Alice', { x: 620, y: 520 });
  expect(await viewport(bob.page)).toEqual({ x: 3000, y: 3000, zoom: 1 });
});

test("a stroke in progress on A's screen shows on B's before A releases", async ({ openBoard }) => {
  const alice = await openBoard(undefined, 'Alice');
  const bob = await openBoard(undefined, 'Bob');
  const stroke = [
    { x: 180, y: 420 },
    { x: 260, y: 380 },
    { x: 340, y: 430 },
    { x: 420, y: 390 },
    { x: 500, y: 420 },
  ];
  await expectNoStroke(bob.page, stroke);

  await selectTool(alice.page, 'Pen');
  await moveTo(alice.page, stroke[0]!, 1);
  await alice.page.mouse.down();
  for (const point of stroke.slice(1)) await moveTo(alice.page, point, 8);
  // The pointer is still down: nothing is in the document yet, yet Bob sees the stroke.
  await expectStroke(bob.page, stroke);
  expect(await shapesJson(bob.page)).toBe('[]');

  await alice.page.mouse.up();
  await expect.poll(async () => JSON.parse(await shapesJson(bob.page)).length).toBe(1);
  await expectStroke(bob.page, stroke);
});

test("a shape being dragged on A's screen moves on B's before A releases", async ({ openBoard }) => {
  const alice = await openBoard(undefined, 'Alice');
  const bob = await openBoard(undefined, 'Bob');
  await drawRectangle(alice.page, RECT);
  await expectRectangle(bob.page, RECT);

  await selectTool(alice.page, 'Select');
  // Press on the rectangle's left edge and drag it 300 px right, without releasing.
  await moveTo(alice.page, { x: RECT.x1, y: 250 }, 1);
  await alice.page.mouse.down();
  await moveTo(alice.page, { x: RECT.x1 + 300, y: 250 }, 10);
  await expectRectangle(bob.page, translate(RECT, 300, 0));
  await expectNoRectangle(bob.page, RECT);

  await alice.page.mouse.up();
  await pointerOffCanvas(alice.page);
  await expectRectangle(bob.page, translate(RECT, 300, 0));
  await expectNoRectangle(bob.page, RECT);
});

test('two people dragging the same shape at once end with identical boards', async ({ openBoard, openUser, boardId }) => {
  const alice = await openBoard(undefined, 'Alice');
  const bob = await openBoard(undefined, 'Bob');
  await drawRectangle(alice.page, RECT);
  await expectRectangle(bob.page, RECT);
  await selectTool(alice.page, 'Select');
  await selectTool(bob.page, 'Select');

  // Both press on the rectangle; their drags overlap in time; Alice releases first.
  await moveTo(alice.page, { x: RECT.x1, y: 250 }, 1);
  await moveTo(bob.page, { x: RECT.x2, y: 250 }, 1);
  await alice.page.mouse.down();
  await bob.page.mouse.down();
  await moveTo(alice.page, { x: RECT.x1 + 200, y: 250 }, 6);
  await moveTo(bob.page, { x: RECT.x2, y: 400 }, 6);
  await alice.page.mouse.up();
  await bob.page.mouse.up();

  for (const user of [alice, bob]) {
    await pointerOffCanvas(user.page);
    await user.page.keyboard.press('Escape');
  }
  await expect.poll(async () => (await shapesJson(alice.page)) === (await shapesJson(bob.page))).toBe(true);
  const shapes = JSON.parse(await shapesJson(alice.page)) as { x: number; y: number }[];
  expect(shapes).toHaveLength(1);
  const moved = { x1: shapes[0]!.x, y1: shapes[0]!.y, x2: shapes[0]!.x + 220, y2: shapes[0]!.y + 140 };
  await expectRectangle(alice.page, moved);
  await expectRectangle(bob.page, moved);

  // Both screens show the same pixels over the board (outside the toolbar and side panels).
  await expect
    .poll(async () => {
      const [a, b] = await Promise.all([canvasPixels(alice.page), canvasPixels(bob.page)]);
      let differing = 0;
      for (let y = 80; y < 700; y++) {
        for (let x = 0; x < 900; x++) {
          const i = (y * a.width + x) * 4;
          if (a.data[i] !== b.data[i] || a.data[i + 1] !== b.data[i + 1] || a.data[i + 2] !== b.data[i + 2]) differing++;
        }
      }
      return differing;
    })
    .toBe(0);

  // And a newcomer loads the same board from the server.
  const carol = await openUser('Carol');
  await gotoBoard(carol.page, boardId);
  await expect.poll(() => shapesJson(carol.page)).toBe(await shapesJson(alice.page));
});
