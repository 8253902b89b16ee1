/**
 * Helpers for the collaboration specs: the follow, chat and share controls by their accessible
 * names, and `window.__tabula` (components/board/debug-handle.ts) to read or set a viewport and
 * read the shapes a page has.
 */
import { type BrowserContext, expect, type Locator, type Page } from '@playwright/test';
import { canvas, moveTo, SYNC_TIMEOUT } from './board';
import type { Point } from './pixels';

export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

export async function viewport(page: Page): Promise<Viewport> {
  return page.evaluate(() => window.__tabula!.viewport());
}

/** Moves the viewport as a pan by the user would (the pan gesture belongs to the editor's tools). */
export async function setViewport(page: Page, value: Viewport): Promise<void> {
  await page.evaluate((v) => window.__tabula!.setViewport(v), value);
}

export async function shapesJson(page: Page): Promise<string> {
  return page.evaluate(() => JSON.stringify(window.__tabula!.shapes()));
}

export function followButton(page: Page, name: string): Locator {
  return page.getByRole('list', { name: 'Collaborators' }).getByRole('button', { name: `Follow ${name}` });
}

export function followingIndicator(page: Page): Locator {
  return page.getByTestId('following');
}

export function chatButton(page: Page): Locator {
  return page.getByRole('button', { name: /^Chat/ });
}

export function chatLog(page: Page): Locator {
  return page.getByRole('log', { name: 'Chat messages' });
}

export async function openChat(page: Page): Promise<void> {
  const button = chatButton(page);
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
  await expect(chatLog(page)).toBeVisible();
}

export async function sendChat(page: Page, text: string): Promise<void> {
  await openChat(page);
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill(text);
  await box.press('Enter');
  await expect(box).toHaveValue('');
}

/** Moves the pointer off the canvas onto the side panel: one's cursor leaves the other screens. */
export async function pointerOffCanvas(page: Page): Promise<void> {
  const panel = page.getByRole('complementary', { name: 'Board info' });
  const box = await panel.boundingBox();
  if (!box) throw new Error('the side panel is not visible');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height - 10, { steps: 3 });
}

/** Where a person's cursor tip is drawn, relative to the canvas's top-left corner. */
export async function cursorOffset(cursor: Locator, page: Page): Promise<{ x: number; y: number }> {
  const [box, area] = await Promise.all([cursor.boundingBox(), canvas(page).boundingBox()]);
  if (!box || !area) throw new Error('cursor or canvas not visible');
  return { x: box.x - area.x, y: box.y - area.y };
}

/**
 * Moves `from`'s pointer to a canvas offset and waits until `to` has that person (`name`) pointing
 * at the board point it names under `from`'s viewport. A person's presence is sent whole whenever
 * more than the cursor changed, in order on one connection: once `to` has this cursor, it has
 * processed every presence change `from` made before (a published viewport included). For checks
 * that something did not happen on `to`.
 */
export async function expectPresenceSeen(from: Page, to: Page, name: string, offset: Point): Promise<void> {
  const view = await viewport(from);
  const round = (value: number) => Math.round(value * 10) / 10;
  const expected = { x: round(view.x + offset.x / view.zoom), y: round(view.y + offset.y / view.zoom) };
  await moveTo(from, offset);
  await expect
    .poll(
      async () => {
        const cursor = await to.evaluate((person) => window.__tabula!.peers().find((peer) => peer.name === person)?.cursor ?? null, name);
        return cursor && { x: round(cursor.x), y: round(cursor.y) };
      },
      { message: `${name}'s cursor reached the other page`, timeout: SYNC_TIMEOUT },
    )
    .toEqual(expected);
}

interface NoticeRecord {
  tabulaNoticesSeen?: string[];
}

/**
 * Makes every page of the context keep each text its notices ("Dan joined", "Bob left") show,
 * from the page's start and however briefly: a notice leaves after a few seconds, which a busy
 * machine can take to look. Read with `noticesSeen`.
 */
export async function recordNotices(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as NoticeRecord).tabulaNoticesSeen = seen;
    const note = () => {
      for (const region of document.querySelectorAll('[role="status"][aria-label="Notices"]')) {
        for (const item of region.children) {
          const text = (item.querySelector('p') ?? item).textContent ?? '';
          if (text && !seen.includes(text)) seen.push(text);
        }
      }
    };
    new MutationObserver(note).observe(document, { childList: true, subtree: true, characterData: true });
  });
}

/** The notice texts the page has shown since it opened (see `recordNotices`). */
export function noticesSeen(page: Page): Promise<string[]> {
  return page.evaluate(() => [...((window as NoticeRecord).tabulaNoticesSeen ?? [])]);
}

export { SYNC_TIMEOUT };
