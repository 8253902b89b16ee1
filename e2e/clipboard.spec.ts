/**
 * Copy, cut and paste go through the system clipboard as Tabula JSON text, so shapes copied on
 * one board paste onto another, in another tab, with new ids, where the pointer is. Share copies
 * the board's link there.
 */
import { drag, drawRectangle, gotoBoard, moveTo, selectTool } from './support/board';
import { clickAt, command, expectShapeCount, expectStored } from './support/editor';
import { expect, test } from './support/fixtures';

test('shapes copied on one board paste onto another board', async ({ openUser, boardId }) => {
  const user = await openUser('Alice');
  await user.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const first = user.page;
  await gotoBoard(first, boardId);
  await drawRectangle(first, { x1: 250, y1: 150, x2: 350, y2: 250 });
  await selectTool(first, 'Ellipse');
  await drag(first, { x: 400, y: 150 }, { x: 500, y: 250 });
  await expectShapeCount(first, boardId, 2);
  await selectTool(first, 'Select');
  await command(first, 'a');
  await command(first, 'c');
  // What was copied is Tabula JSON text.
  const copied = await first.evaluate(() => navigator.clipboard.readText());
  expect(JSON.parse(copied)).toMatchObject({ format: 'tabula', version: 1, shapes: [{ type: 'rectangle' }, { type: 'ellipse' }] });

  const otherId = `${boardId}_other`;
  const second = await user.context.newPage();
  await gotoBoard(second, otherId);
  await moveTo(second, { x: 600, y: 400 });
  await command(second, 'v');
  const pasted = await expectShapeCount(second, otherId, 2);
  const originals = await expectShapeCount(first, boardId, 2);
  // Same shapes, new ids, centred on the pointer (the pair spans 250..501 x 149..251).
  expect(pasted.map((s) => s.type)).toEqual(['rectangle', 'ellipse']);
  expect(pasted.map((s) => s.id)).not.toContain(originals[0]!.id);
  expect(pasted[0]!.x - originals[0]!.x).toBeCloseTo(pasted[1]!.x - originals[1]!.x);
  expect(pasted[0]!.x + (pasted[1]!.x + pasted[1]!.w - pasted[0]!.x) / 2).toBeCloseTo(600, -1);

  // Cut removes them here; pasting puts them back.
  await command(second, 'x');
  await expectShapeCount(second, otherId, 0);
  await clickAt(second, { x: 700, y: 300 });
  await command(second, 'v');
  await expectShapeCount(second, otherId, 2);
});

test('pasting plain text makes a text shape; an enormous paste is capped with a message', async ({ openUser, boardId }) => {
  const user = await openUser();
  await user.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const { page } = user;
  await gotoBoard(page, boardId);
  await page.evaluate(() => navigator.clipboard.writeText('just words'));
  await moveTo(page, { x: 400, y: 300 });
  await command(page, 'v');
  await expectStored(page, boardId, (shapes) => expect(shapes).toMatchObject([{ type: 'text', text: 'just words' }]));

  await page.evaluate(() => {
    const shapes = Array.from({ length: 6000 }, (_, i) => ({ id: `p${i}`, type: 'rectangle', x: (i % 100) * 12, y: Math.floor(i / 100) * 12, w: 8, h: 8, z: 'a0' }));
    shapes.unshift({ id: 'bad', type: 'rectangle', x: 0, y: 0, w: -1, h: 5, z: 'a0' });
    return navigator.clipboard.writeText(JSON.stringify({ format: 'tabula', version: 1, shapes }));
  });
  await command(page, 'v');
  await expect(page.getByRole('status').filter({ hasText: 'Pasted 5,000 of 6,000 shapes' })).toBeVisible();
  await expectShapeCount(page, boardId, 5001);
});

test('Share copies the board links and confirms it', async ({ openUser, boardId, server }) => {
  const alice = await openUser('Alice');
  await alice.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  await gotoBoard(alice.page, boardId);
  await alice.page.getByRole('button', { name: 'Share' }).click();
  await alice.page.getByRole('button', { name: 'Copy edit link' }).click();
  await expect(alice.page.getByText('Edit link copied')).toBeVisible();
  expect(await alice.page.evaluate(() => navigator.clipboard.readText())).toMatch(new RegExp(`^${server.url}/b/${boardId}#edit=[A-Za-z0-9_-]+$`));
  await alice.page.getByRole('button', { name: 'Copy view-only link' }).click();
  await expect(alice.page.getByText('View-only link copied')).toBeVisible();
  expect(await alice.page.evaluate(() => navigator.clipboard.readText())).toMatch(new RegExp(`^${server.url}/b/${boardId}#view=[A-Za-z0-9_-]+$`));
});
