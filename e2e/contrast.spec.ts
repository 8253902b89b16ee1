/**
 * Every text at WCAG AA contrast (4.5:1) against what is painted behind it, in the light and the
 * dark theme: the home page with a recent board, and the board page with its panels open (the
 * style bar, chat with a message, version history with a version, the share dialog, the shortcut
 * list, a notice). The check (e2e/support/layout.ts) walks every visible element with text, takes
 * its computed colour and the first opaque background among it and its ancestors, and lists the
 * offenders.
 */
import type { Page } from '@playwright/test';
import { gotoBoard, selectTool } from './support/board';
import { sendChat } from './support/collab';
import { expect, test } from './support/fixtures';
import { lowContrastTexts } from './support/layout';

async function expectReadableTexts(page: Page, state: string): Promise<void> {
  expect(await lowContrastTexts(page), `texts under 4.5:1 ${state}`).toEqual([]);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`${colorScheme} theme: every text on the home page and the board page reads at 4.5:1`, async ({ openUser, boardId }) => {
    const { page } = await openUser('Reader', { colorScheme });
    await gotoBoard(page, boardId);
    await expect(page.getByRole('button', { name: 'Dark mode' })).toHaveAttribute('aria-pressed', String(colorScheme === 'dark'));
    await expectReadableTexts(page, 'on opening the board');

    // The style bar, a second person (a presence notice and the list), and the chat with a message.
    await selectTool(page, 'Sticky note');
    const other = await openUser('Other', { colorScheme });
    await gotoBoard(other.page, boardId);
    await expect(page.getByRole('status', { name: 'Notices' })).toContainText('joined');
    await sendChat(other.page, 'Hello, can you read this?');
    await sendChat(page, 'Yes, clearly');
    await expect(page.getByRole('log', { name: 'Chat messages' }).getByRole('listitem')).toHaveCount(2);
    await expectReadableTexts(page, 'with the style bar, a notice and the chat');

    // The version history with a saved version.
    await page.getByRole('button', { name: 'History' }).click();
    await page.getByRole('textbox', { name: 'Version name' }).fill('Checked');
    await page.getByRole('button', { name: 'Save version' }).click();
    await expect(page.getByRole('list', { name: 'Versions' }).getByRole('listitem').first()).toBeVisible();
    await expectReadableTexts(page, 'with the history open');

    // The share dialog with its links.
    await page.getByRole('button', { name: 'Share' }).click();
    await expect(page.getByRole('button', { name: 'Copy edit link' })).toBeVisible();
    await expectReadableTexts(page, 'with the share dialog open');
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
    await expectReadableTexts(page, 'with the shortcut list open');
    await page.keyboard.press('Escape');

    await page.goto('/');
    await expect(page.getByRole('link').first()).toBeVisible();
    await expectReadableTexts(page, 'on the home page with a recent board');
  });
}
