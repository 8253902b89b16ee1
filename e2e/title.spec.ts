/**
 * The board's title: typed by one person in the "Board title" box, it shows live in another
 * person's box and browser tab, survives a reload, names the board in the recent-boards list and
 * names the exported files.
 */
import type { Page } from '@playwright/test';
import { gotoBoard, SYNC_TIMEOUT } from './support/board';
import { expect, test } from './support/fixtures';
import { exportAs } from './support/files';

const titleBox = (page: Page) => page.getByRole('textbox', { name: 'Board title' });

test("A's title shows on B's screen and in B's tab, stays after a reload, and names the recent board and the exports", async ({ openBoard, boardId }) => {
  const a = await openBoard(boardId, 'A');
  const b = await openBoard(boardId, 'B');
  await expect(titleBox(b.page)).toHaveValue('');
  await expect(b.page).toHaveTitle(`Board ${boardId.slice(0, 8)} · Tabula`);

  await titleBox(a.page).fill('Sprint plan');
  await expect(titleBox(b.page)).toHaveValue('Sprint plan', { timeout: SYNC_TIMEOUT });
  await expect(b.page).toHaveTitle('Sprint plan · Tabula');
  await expect(a.page).toHaveTitle('Sprint plan · Tabula');

  // B renames it; A sees the new title, keystroke by keystroke.
  await titleBox(b.page).press('End');
  await titleBox(b.page).pressSequentially(' Q3');
  await expect(titleBox(a.page)).toHaveValue('Sprint plan Q3', { timeout: SYNC_TIMEOUT });

  const svg = await exportAs(a.page, 'SVG');
  expect(svg.suggestedFilename()).toBe('Sprint plan Q3.svg');

  await b.page.reload();
  await gotoBoard(b.page, boardId);
  await expect(titleBox(b.page)).toHaveValue('Sprint plan Q3');
  await expect(b.page).toHaveTitle('Sprint plan Q3 · Tabula');

  await b.page.goto('/');
  await expect(b.page.getByRole('link', { name: /Sprint plan Q3/ })).toHaveAttribute('href', `/b/${boardId}`);
});
