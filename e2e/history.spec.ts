/**
 * Version history: save a named version, preview it, restore it. A restore is an ordinary edit:
 * the other person sees it, and Undo takes it back.
 */
import { type Page } from '@playwright/test';
import { drawRectangle, expectNoRectangle, expectRectangle, parkMouse } from './support/board';
import { storedBeforeMarker } from './support/editor';
import { expect, test } from './support/fixtures';
import { expectStoredShapeCount, messages } from './support/files';
import type { Rect } from './support/pixels';

const RECT_A: Rect = { x1: 400, y1: 180, x2: 600, y2: 320 };
const RECT_B: Rect = { x1: 700, y1: 420, x2: 900, y2: 560 };

function versionItem(page: Page, name: string) {
  return page.getByRole('list', { name: 'Versions' }).getByRole('listitem').filter({ hasText: name });
}

async function saveVersion(page: Page, name: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Version name' }).fill(name);
  await page.getByRole('button', { name: 'Save version' }).click();
  await expect(messages(page)).toContainText(`Saved version "${name}".`);
  await expect(versionItem(page, name)).toContainText('manual');
}

test('a restored version shows for the other person, and Undo takes the restore back', async ({ openBoard, boardId }) => {
  const alice = await openBoard(undefined, 'Alice');
  const bob = await openBoard(undefined, 'Bob');
  await drawRectangle(alice.page, RECT_A);
  await parkMouse(alice.page);
  await expectStoredShapeCount(alice.page, boardId, 1);

  await alice.page.getByRole('button', { name: 'History' }).click();
  await saveVersion(alice.page, 'Only A');

  // Bob adds a rectangle after the version was saved.
  await drawRectangle(bob.page, RECT_B);
  await parkMouse(bob.page);
  await expectRectangle(alice.page, RECT_B);

  // Alice previews the version: a read-only picture of it, in a dialog.
  await versionItem(alice.page, 'Only A').getByRole('button', { name: 'Preview' }).click();
  const dialog = alice.page.getByRole('dialog', { name: 'Preview: Only A' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('version-preview')).toHaveAttribute('aria-label', 'Only A: 1 shape');
  await dialog.getByRole('button', { name: 'Restore this version' }).click();
  await expect(dialog).toBeHidden();
  await expect(messages(alice.page)).toContainText('Restored "Only A" (1 shape). Undo reverts it.');

  await expectStoredShapeCount(alice.page, boardId, 1);
  await expectNoRectangle(bob.page, RECT_B);
  await expectRectangle(bob.page, RECT_A);

  // Undo reverts the restore, for both.
  await alice.page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expectStoredShapeCount(alice.page, boardId, 2);
  await expectRectangle(bob.page, RECT_B);
  await expectRectangle(bob.page, RECT_A);
});

test('Restore in the list brings back a deleted shape; closing a preview changes nothing', async ({ openBoard, boardId }) => {
  const alice = await openBoard(undefined, 'Alice');
  const bob = await openBoard(undefined, 'Bob');
  await drawRectangle(alice.page, RECT_A);
  await parkMouse(alice.page);
  await expectStoredShapeCount(alice.page, boardId, 1);

  await bob.page.getByRole('button', { name: 'History' }).click();
  await saveVersion(bob.page, 'With A');
  // The other person's open panel lists it on its next refresh or when opened.
  await alice.page.getByRole('button', { name: 'History' }).click();
  await expect(versionItem(alice.page, 'With A')).toBeVisible();

  // Alice deletes the rectangle with Undo (it was her last edit).
  await alice.page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expectStoredShapeCount(alice.page, boardId, 0);
  await expectNoRectangle(bob.page, RECT_A);

  await versionItem(bob.page, 'With A').getByRole('button', { name: 'Preview' }).click();
  // The preview opens once the version is fetched; Escape is pressed on what one sees.
  await expect(bob.page.getByRole('dialog')).toBeVisible();
  await bob.page.keyboard.press('Escape');
  await expect(bob.page.getByRole('dialog')).toBeHidden();
  // A preview changes nothing.
  expect(await storedBeforeMarker(bob.page, boardId)).toHaveLength(0);

  await versionItem(bob.page, 'With A').getByRole('button', { name: 'Restore' }).click();
  await expectStoredShapeCount(bob.page, boardId, 1);
  await expectRectangle(alice.page, RECT_A);
});
