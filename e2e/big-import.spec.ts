/**
 * A large file imported through the page: 20,000 shapes (the benchmarks' deterministic drawing,
 * generated here; half are pen strokes of 50 points, about 7.5 MB of JSON) picked with Import.
 * The page adds them in parts, each one update within the server's limit, with the progress
 * shown; the other person sees every shape arrive. One Undo takes the import back: the page sends
 * that deletion of 20,000 shapes in parts (lib/sync/deletion-parts.ts), the other person sees the
 * shapes go, and the server stores the empty board.
 */
import type { Page } from '@playwright/test';
import { generateBoard } from '../bench/render-board';
import { expect, test } from './support/fixtures';
import { errors, expectStoredShapeCount, messages } from './support/files';

const COUNT = 20_000;

/** How many shapes the page has (its editor's view of the board). */
const shapesInPage = (page: Page) => page.evaluate(() => window.__tabula?.shapes().length ?? 0);

test('a file of 20,000 shapes is imported in parts with progress, the other person sees every shape, and one Undo takes it back for both', async ({ openBoard, boardId }) => {
  // Reading, checking and sending 7.5 MB twice over on a loaded machine: minutes, not seconds.
  test.setTimeout(480_000);
  const alice = await openBoard(undefined, 'Alice');
  const bob = await openBoard(undefined, 'Bob');
  // Every text the notices area shows, kept as it changes (the progress may be brief).
  await alice.page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { noticesSeen: string[] }).noticesSeen = seen;
    const area = document.querySelector('[aria-label="Notices"]')!;
    new MutationObserver(() => seen.push(area.textContent ?? '')).observe(area, { subtree: true, childList: true, characterData: true });
  });

  const file = Buffer.from(JSON.stringify(generateBoard(COUNT)));
  const choosing = alice.page.waitForEvent('filechooser');
  await alice.page.getByRole('button', { name: 'Import', exact: true }).click();
  await (await choosing).setFiles({ name: 'big.tabula.json', mimeType: 'application/json', buffer: file }, { timeout: 120_000 });

  await expect(messages(alice.page)).toContainText(`Imported ${COUNT.toLocaleString('en')} shapes.`, { timeout: 240_000 });
  await expect(errors(alice.page)).toHaveText('');
  const seen = await alice.page.evaluate(() => (window as unknown as { noticesSeen: string[] }).noticesSeen);
  expect(seen.some((text) => /Importing shapes: [\d,]+ of 20,000/.test(text)), 'the progress was shown').toBe(true);

  await expect.poll(() => shapesInPage(bob.page), { timeout: 120_000, message: "Bob's page has every shape" }).toBe(COUNT);
  await expectStoredShapeCount(alice.page, boardId, COUNT);

  await alice.page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect.poll(() => shapesInPage(alice.page), { timeout: 120_000 }).toBe(0);
  await expect.poll(() => shapesInPage(bob.page), { timeout: 120_000, message: "Bob's page has no shape left" }).toBe(0);
  await expectStoredShapeCount(alice.page, boardId, 0);
  await expect(errors(alice.page)).toHaveText('');
});
