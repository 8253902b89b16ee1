/**
 * The board page's chrome on a desktop, a tablet and a phone: no control overlaps or covers
 * another, every control is on the screen, every text reads at WCAG AA contrast (4.5:1) in both
 * themes, and on a phone with touch a person draws with the toolbar while another person sees it.
 */
import type { Page } from '@playwright/test';
import { connectionStatus, gotoBoard, selectTool, toolButton } from './support/board';
import { expectShapeCount } from './support/editor';
import { type Device, expect, test } from './support/fixtures';
import { controlLayout, lowContrastTexts } from './support/layout';

const PHONE: Device = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };
const TABLET: Device = { viewport: { width: 768, height: 1024 }, hasTouch: true, isMobile: true };

async function expectTidyLayout(page: Page, state: string): Promise<void> {
  const layout = await controlLayout(page);
  expect(layout, `controls ${state}`).toEqual({ overlaps: [], covered: [], offScreen: [] });
}

async function expectReadableTexts(page: Page, state: string): Promise<void> {
  expect(await lowContrastTexts(page), `texts under 4.5:1 ${state}`).toEqual([]);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`desktop, ${colorScheme} theme: no control overlaps another and every text has 4.5:1 contrast`, async ({ openUser, boardId }) => {
    const { page } = await openUser('Desk', { colorScheme });
    await gotoBoard(page, boardId);
    await expect(page.getByRole('button', { name: 'Dark mode' })).toHaveAttribute('aria-pressed', String(colorScheme === 'dark'));
    await expectTidyLayout(page, 'on opening');
    await expectReadableTexts(page, 'on opening');
    // With the style bar showing (a drawing tool picked) and a second person in the list.
    await selectTool(page, 'Sticky note');
    const other = await openUser('Other', { colorScheme });
    await gotoBoard(other.page, boardId);
    await expect(page.getByRole('list', { name: 'Collaborators' }).getByRole('listitem')).toHaveCount(2);
    await expectTidyLayout(page, 'with the style bar');
    await expectReadableTexts(page, 'with the style bar');
  });
}

test('tablet (768 x 1024, touch): every control on screen, none covered', async ({ openUser, boardId }) => {
  const { page } = await openUser('Tablet', TABLET);
  await gotoBoard(page, boardId);
  await expectTidyLayout(page, 'on opening');
  await selectTool(page, 'Rectangle');
  await expectTidyLayout(page, 'with the style bar');
});

test('phone (390 x 844, touch): compact layout, panels behind buttons; a rectangle drawn by touch reaches another person', async ({ openUser, boardId }) => {
  const { page } = await openUser('Phone', PHONE);
  await gotoBoard(page, boardId);
  await expect(connectionStatus(page)).toBeVisible();
  await expectTidyLayout(page, 'on opening');
  await expectReadableTexts(page, 'on opening');

  // Tools sit at the bottom, below the canvas's middle; the status stays at the top.
  const tools = (await page.getByRole('toolbar', { name: 'Tools' }).boundingBox())!;
  expect(tools.y).toBeGreaterThan(844 / 2);

  // The collapsed panels open from their buttons, one at a time, covering no control.
  await page.getByRole('button', { name: 'People' }).tap();
  await expect(page.getByRole('list', { name: 'Collaborators' }).getByRole('listitem')).toHaveCount(1);
  await expectTidyLayout(page, 'with People open');
  await page.getByRole('button', { name: 'Menu' }).tap();
  await expect(page.getByRole('button', { name: 'Import' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Collaborators' })).toBeHidden();
  await expectTidyLayout(page, 'with the Menu open');
  await page.getByRole('button', { name: 'Menu' }).tap();

  const watcher = await openUser('Watcher');
  await gotoBoard(watcher.page, boardId);

  await toolButton(page, 'Rectangle').tap();
  await expect(toolButton(page, 'Rectangle')).toHaveAttribute('aria-pressed', 'true');
  await expectTidyLayout(page, 'with the style bar');
  const cdp = await page.context().newCDPSession(page);
  const finger = (type: 'touchStart' | 'touchMove' | 'touchEnd', x: number, y: number) =>
    cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y, id: 1, radiusX: 2, radiusY: 2, force: 0.5 }] });
  await finger('touchStart', 100, 250);
  for (let i = 1; i <= 8; i++) await finger('touchMove', 100 + i * 20, 250 + i * 15);
  await finger('touchEnd', 260, 370);

  const [shape] = await expectShapeCount(watcher.page, boardId, 1);
  expect(shape).toMatchObject({ type: 'rectangle', x: 100, y: 250, w: 160, h: 120 });
});
