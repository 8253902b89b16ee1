/**
 * Pages carry their security headers (a Content-Security-Policy with frame-ancestors, nosniff, a
 * referrer policy), and the policy blocks nothing the app itself does: the production build's
 * inline scripts, its styles, its sockets, images, the service worker. A violation shows both as
 * a `securitypolicyviolation` event in the page and as a console message; the test watches both
 * while a person opens the home page, starts a board, draws, and opens the history.
 */
import type { Page } from '@playwright/test';
import { drawRectangle, expectBoardReady, expectRectangle, parkMouse } from './support/board';
import { expect, test } from './support/fixtures';

/** Collects the page's CSP violations, from the start of every document it loads. */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction('__reportCspViolation', (text: string) => void violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { __reportCspViolation(text: string): void }).__reportCspViolation(`${event.violatedDirective} blocked ${event.blockedURI} at ${event.sourceFile}:${event.lineNumber}`);
    });
  });
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to (load|execute|apply|connect|frame)/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

test('pages carry a Content-Security-Policy that the app itself never trips', async ({ openUser }) => {
  const { page } = await openUser('Alice');
  const violations = await watchViolations(page);

  const home = await page.goto('/');
  const headers = home!.headers();
  const policy = headers['content-security-policy'] ?? '';
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).toContain("object-src 'none'");
  expect(policy).toContain("default-src 'self'");
  expect(policy).not.toContain('unsafe-eval');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('no-referrer');

  await page.getByRole('button', { name: 'New board' }).click();
  await page.waitForURL(/\/b\//);
  await expectBoardReady(page);
  const board = await page.request.get(page.url());
  expect(board.headers()['content-security-policy']).toBe(policy);

  const rect = { x1: 200, y1: 200, x2: 400, y2: 320 };
  await drawRectangle(page, rect);
  await parkMouse(page);
  await expectRectangle(page, rect);
  // A version saved through the API (a same-origin write) appears in the list.
  await page.getByRole('button', { name: 'History' }).click();
  await page.getByRole('textbox', { name: 'Version name' }).fill('Checked');
  await page.getByRole('button', { name: 'Save version' }).click();
  await expect(page.getByRole('list', { name: 'Versions' })).toContainText('Checked');
  await page.reload();
  await expectBoardReady(page);
  await expectRectangle(page, rect);
  expect(violations).toEqual([]);
});

test('a page of another site cannot frame the board', async ({ openUser, boardId, server }) => {
  const { page } = await openUser('Mallory');
  const violations = await watchViolations(page);
  // A data: page is another origin; it tries to frame the board.
  await page.setContent(`<iframe id="victim" src="${server.url}/b/${boardId}"></iframe>`);
  await expect.poll(() => violations.some((text) => /frame-ancestors/.test(text))).toBe(true);
  const framed = page.frame({ url: new RegExp(`/b/${boardId}`) });
  expect(await framed?.locator('[data-testid="canvas"]').count().catch(() => 0) ?? 0).toBe(0);
});
