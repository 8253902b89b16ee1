/**
 * Two people type in one sticky note at the same time (one context each): both screens end with
 * both people's words, each person's caret stays where they type, and Undo takes back only one's
 * own typing.
 */
import type { Page } from '@playwright/test';
import { selectTool, SYNC_TIMEOUT } from './support/board';
import { clickAt, command, expectStored } from './support/editor';
import { expect, test } from './support/fixtures';

const noteBox = (page: Page) => page.getByRole('textbox', { name: 'Sticky note text' });

test('A and B type in one sticky note at once: both keep their words, on both screens', async ({ openBoard, boardId }) => {
  const a = await openBoard(boardId, 'A');
  const b = await openBoard(boardId, 'B');

  await selectTool(a.page, 'Sticky note');
  await clickAt(a.page, { x: 500, y: 350 });
  await expect(noteBox(a.page)).toBeFocused();
  await a.page.keyboard.type('Agenda:');
  await expectStored(a.page, boardId, (shapes) => expect(shapes).toMatchObject([{ type: 'sticky', text: 'Agenda:' }]));

  // B opens the same note while A is still in it, and puts the caret at the start.
  await selectTool(b.page, 'Select');
  await clickAt(b.page, { x: 500, y: 350 }, { count: 2 });
  await expect(noteBox(b.page)).toBeFocused();
  await expect(noteBox(b.page)).toHaveValue('Agenda:');
  await b.page.keyboard.press('ControlOrMeta+Home');

  // Both type at once, keystroke between keystroke.
  await Promise.all([a.page.keyboard.type(' budget, hiring', { delay: 40 }), b.page.keyboard.type('Weekly ', { delay: 70 })]);
  const merged = 'Weekly Agenda: budget, hiring';
  await expect(noteBox(a.page)).toHaveValue(merged, { timeout: SYNC_TIMEOUT });
  await expect(noteBox(b.page)).toHaveValue(merged, { timeout: SYNC_TIMEOUT });
  // Each caret stayed after its own words.
  expect(await noteBox(a.page).evaluate((box: HTMLTextAreaElement) => box.selectionStart)).toBe(merged.length);
  expect(await noteBox(b.page).evaluate((box: HTMLTextAreaElement) => box.selectionStart)).toBe('Weekly '.length);

  await a.page.keyboard.press('Escape');
  await b.page.keyboard.press('Escape');
  await expectStored(a.page, boardId, (shapes) => expect(shapes).toMatchObject([{ type: 'sticky', text: merged }]));

  // B's Undo takes back B's typing only.
  await command(b.page, 'z');
  await expectStored(a.page, boardId, (shapes) => expect(shapes).toMatchObject([{ type: 'sticky', text: 'Agenda: budget, hiring' }]));
});
