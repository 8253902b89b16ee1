/**
 * Comfort: dark mode (follows the system, the toggle overrides it and is remembered), the
 * shortcut list on `?`, and the toolbar used from the keyboard with a visible focus.
 */
import type { Page } from '@playwright/test';
import { toolButton } from './support/board';
import { expect, test } from './support/fixtures';
import { backgroundOf, canvasPixels } from './support/pixels';

const brightness = async (page: Page) => {
  const [r, g, b] = backgroundOf(await canvasPixels(page));
  return (r + g + b) / 3;
};

test('dark mode follows the system; the toggle overrides it and is remembered after a reload', async ({ openBoard }) => {
  const { page } = await openBoard();
  const html = page.locator('html');
  const toggle = page.getByRole('button', { name: 'Dark mode', exact: true });
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(html).not.toHaveClass(/\bdark\b/);
  await expect.poll(() => brightness(page)).toBeGreaterThan(200);

  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(html).toHaveClass(/\bdark\b/);
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => brightness(page)).toBeLessThan(60);

  await toggle.click();
  await expect(html).not.toHaveClass(/\bdark\b/);
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await page.reload();
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await expect(html).not.toHaveClass(/\bdark\b/);
  await expect.poll(() => brightness(page)).toBeGreaterThan(200);
});

test('? lists the shortcuts and Escape closes the list; the toolbar works from the keyboard', async ({ openBoard }) => {
  const { page } = await openBoard();
  const shortcuts = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await page.keyboard.press('?');
  await expect(shortcuts).toBeVisible();
  await expect(shortcuts.getByRole('rowheader', { name: 'Ctrl/Cmd + D' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(shortcuts).toBeHidden();

  // Tab reaches the toolbar, arrow keys move along it, Enter picks the tool.
  const select = toolButton(page, 'Select');
  const hand = toolButton(page, 'Hand');
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    if (await select.evaluate((button) => button === document.activeElement)) break;
  }
  await expect(select).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(hand).toBeFocused();
  const outline = await hand.evaluate((button) => ({
    visible: button.matches(':focus-visible'),
    style: getComputedStyle(button).outlineStyle,
    width: parseFloat(getComputedStyle(button).outlineWidth),
  }));
  expect(outline.visible).toBe(true);
  expect(outline.style).not.toBe('none');
  expect(outline.width).toBeGreaterThan(0);
  await page.keyboard.press('Enter');
  await expect(hand).toHaveAttribute('aria-pressed', 'true');
  await expect(select).toHaveAttribute('aria-pressed', 'false');
});
