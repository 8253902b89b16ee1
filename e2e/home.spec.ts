/**
 * The home page and board addresses: "New board" makes a board with an unguessable id, the home
 * page remembers the boards one opened, and a malformed board id gets an error page.
 */
import { expectBoardReady } from './support/board';
import { expect, test } from './support/fixtures';

test('"New board" opens a new board with an unguessable id, listed afterwards on the home page', async ({ openUser }) => {
  const { page } = await openUser();
  await page.goto('/');
  await page.getByRole('button', { name: 'New board' }).click();

  // The edit link: the token in the fragment, never sent to the server.
  await expect(page).toHaveURL(/\/b\/[A-Za-z0-9_-]{22,64}#edit=[A-Za-z0-9_-]+$/);
  const id = new URL(page.url()).pathname.split('/').pop() ?? '';
  expect(id).toMatch(/^[A-Za-z0-9_-]{22,64}$/);
  await expectBoardReady(page);

  await page.goto('/');
  const recent = page.locator(`a[href$="/b/${id}"]`);
  await expect(recent.first()).toBeVisible();
  await recent.first().click();
  // The bare link of the list works in the browser that keeps the owner token.
  await expect(page).toHaveURL(new RegExp(`/b/${id}$`));
  await expectBoardReady(page);

  // Two clicks, two different boards.
  await page.goto('/');
  await page.getByRole('button', { name: 'New board' }).click();
  await expect(page).toHaveURL(/\/b\/[A-Za-z0-9_-]{22,64}#edit=/);
  expect(new URL(page.url()).pathname).not.toBe(`/b/${id}`);
});

test('an invalid board id gets an error page, not a crash', async ({ openUser, server }) => {
  const { page } = await openUser();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));

  for (const bad of ['bad%20id!', 'a'.repeat(65), 'semi%3Bcolon']) {
    const response = await page.goto(`/b/${bad}`);
    expect(response?.status(), `GET /b/${bad}`).toBe(404);
    await expect(page.getByText(/not (be )?found|invalid|does ?n.t exist|no such board/i).first()).toBeVisible();
    await expect(page.getByTestId('canvas')).toHaveCount(0);
  }
  expect(errors, 'uncaught errors in the page').toEqual([]);

  // The server carries on serving.
  const health = await fetch(`${server.url}/healthz`);
  expect(health.status).toBe(200);
});

test("a board page's HTML preloads the board's code, which the page then runs without a second request", async ({ openUser, boardId, server }) => {
  const html = await (await fetch(`${server.url}/b/${boardId}`)).text();
  const scripts = new Set([...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((match) => match[1]));
  const preloads = [...html.matchAll(/<link[^>]+rel="preload"[^>]*>/g)]
    .map((match) => /href="([^"]+)"/.exec(match[0])?.[1])
    .filter((href): href is string => href !== undefined && href.endsWith('.js') && !scripts.has(href));
  expect(preloads.length, 'chunks preloaded beyond the first-load scripts').toBeGreaterThan(0);

  const { page } = await openUser();
  const requested: string[] = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  await page.goto(`/b/${boardId}`);
  await expectBoardReady(page);
  for (const href of preloads) expect(requested.filter((path) => path === href), href).toHaveLength(1);
});
