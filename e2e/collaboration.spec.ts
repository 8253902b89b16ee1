/**
 * Two people on one board, each in their own browser context: what one draws and where one points
 * shows on the other's screen, and the list of collaborators follows who is there.
 */
import {
  collaborators,
  drawPenStroke,
  drawRectangle,
  expectNoRectangle,
  expectNoStroke,
  expectRectangle,
  expectStroke,
  moveTo,
  remoteCursors,
  selectTool,
  setDisplayName,
  SYNC_TIMEOUT,
  toolButton,
  translate,
} from './support/board';
import { expect, test } from './support/fixtures';
import type { Rect } from './support/pixels';

const RECT: Rect = { x1: 160, y1: 180, x2: 380, y2: 320 };

test('a rectangle drawn by one person shows for the other', async ({ openBoard }) => {
  const alice = await openBoard(undefined, 'Alice');
  const bob = await openBoard(undefined, 'Bob');

  // Before: nothing there on either screen (this is what makes the check below able to fail).
  await expectNoRectangle(alice.page, RECT);
  await expectNoRectangle(bob.page, RECT);

  await drawRectangle(alice.page, RECT);

  await expectRectangle(alice.page, RECT);
  await expectRectangle(bob.page, RECT);
  // Only where it was drawn.
  await expectNoRectangle(bob.page, translate(RECT, 400, 0));
});

test('a pen stroke drawn by one person shows for the other', async ({ openBoard }) => {
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

  await drawPenStroke(alice.page, stroke);

  await expectStroke(alice.page, stroke);
  await expectStroke(bob.page, stroke);
});

test("one's cursor shows on the other screen with one's name", async ({ openBoard }) => {
  const alice = await openBoard(undefined, 'Alice');
  const bob = await openBoard(undefined, 'Bob');
  await setDisplayName(alice.page, 'Alice');

  await expect(remoteCursors(bob.page).filter({ hasText: 'Alice' })).toHaveCount(0);
  // Awareness is sent when the pointer moves: keep moving until Bob sees the cursor.
  await expect(async () => {
    await moveTo(alice.page, { x: 300, y: 260 });
    await moveTo(alice.page, { x: 340, y: 280 });
    await expect(remoteCursors(bob.page).filter({ hasText: 'Alice' })).toHaveCount(1, { timeout: 1_000 });
  }).toPass({ timeout: SYNC_TIMEOUT });
  await expect(remoteCursors(bob.page)).toHaveCount(1);
  await expect(remoteCursors(bob.page).first()).toBeVisible();
  // Nobody else is on the board: Alice sees no cursor but her own pointer.
  await expect(remoteCursors(alice.page)).toHaveCount(0);
});

test('the collaborators list follows who is on the board', async ({ openBoard }) => {
  const alice = await openBoard(undefined, 'Alice');
  await expect(collaborators(alice.page)).toHaveCount(1);

  const bob = await openBoard(undefined, 'Bob');
  await expect(collaborators(bob.page)).toHaveCount(2);
  await expect(collaborators(alice.page)).toHaveCount(2);

  await alice.context.close();
  await expect(collaborators(bob.page)).toHaveCount(1, { timeout: SYNC_TIMEOUT });
});

test('tool buttons show the active tool, and keyboard shortcuts switch it', async ({ openBoard }) => {
  const { page } = await openBoard();
  await selectTool(page, 'Rectangle');
  await expect(toolButton(page, 'Pen')).not.toHaveAttribute('aria-pressed', 'true');

  await page.keyboard.press('p');
  await expect(toolButton(page, 'Pen')).toHaveAttribute('aria-pressed', 'true');
  await expect(toolButton(page, 'Rectangle')).not.toHaveAttribute('aria-pressed', 'true');

  await page.keyboard.press('v');
  await expect(toolButton(page, 'Select')).toHaveAttribute('aria-pressed', 'true');
});
