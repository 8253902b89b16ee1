/**
 * The interface in the person's language: chosen from the browser's languages (German for a
 * browser in de-DE), switched from the "Language" select and remembered after a reload, rendered
 * in that language by the server from the start, and per person: on one board a person in German
 * and a person in French each read their own language.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';

/** Opens a board in a browser that is not in English, where gotoBoard's "Connected" does not show. */
async function openBoardIn(page: Page, boardId: string, connected: string): Promise<void> {
  const response = await page.goto(`/b/${boardId}`);
  expect(response?.status()).toBe(200);
  await expect(page.getByTestId('canvas')).toBeVisible();
  await expect(page.getByTestId('connection-status')).toHaveText(connected);
}

test('a browser in German gets the home page and the board in German', async ({ openUser, boardId }) => {
  const { page } = await openUser('Anna', { locale: 'de-DE' });
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await expect(page.getByRole('button', { name: 'Neues Board' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Zuletzt geöffnete Boards' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Sprache' })).toHaveValue('de');

  await openBoardIn(page, boardId, 'Verbunden');
  const tools = page.getByRole('toolbar', { name: 'Werkzeuge' });
  for (const name of ['Auswählen', 'Rechteck', 'Raute', 'Haftnotiz', 'Radierer', 'Rückgängig']) await expect(tools.getByRole('button', { name, exact: true })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Dein Name' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Mitwirkende' }).getByRole('listitem')).toHaveCount(1);
  await expect(page.getByText('1 Person ist hier')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Teilen' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Board-Titel' })).toHaveAttribute('placeholder', 'Board ohne Titel');
  // No English label is left among the controls.
  for (const name of ['Rectangle', 'Undo', 'Share', 'History', 'Export']) await expect(page.getByRole('button', { name, exact: true })).toHaveCount(0);
});

test('switching the language in the page changes the labels at once and is remembered after a reload', async ({ openUser, boardId }) => {
  const { page } = await openUser('Ben');
  await page.goto(`/b/${boardId}`);
  await expect(page.getByTestId('connection-status')).toHaveText('Connected');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
  await expect(page.getByTestId('connection-status')).toHaveText('Connecté');
  await expect(page.getByRole('button', { name: 'Losange', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Annuler', exact: true })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');

  await page.reload();
  await expect(page.getByTestId('connection-status')).toHaveText('Connecté');
  await expect(page.getByRole('combobox', { name: 'Langue' })).toHaveValue('fr');
  await expect(page.getByRole('list', { name: 'Participants' }).getByRole('listitem')).toHaveCount(1);

  // The home page too, rendered in French by the server (the choice's cookie), not switched after it appears.
  const html = await (await page.request.get('/')).text();
  expect(html).toContain('<html lang="fr"');
  expect(html).toContain('Nouveau tableau');
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Nouveau tableau' })).toBeVisible();

  await page.getByRole('combobox', { name: 'Langue' }).selectOption('en');
  await expect(page.getByRole('button', { name: 'New board' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('button', { name: 'New board' })).toBeVisible();
});

test('the server renders the first page in the language of Accept-Language', async ({ openUser }) => {
  const { page } = await openUser('Cleo');
  const german = await (await page.request.get('/', { headers: { 'accept-language': 'de-AT,de;q=0.9,en;q=0.5' } })).text();
  expect(german).toContain('<html lang="de"');
  expect(german).toContain('Neues Board');
  const unknown = await (await page.request.get('/', { headers: { 'accept-language': 'ja-JP' } })).text();
  expect(unknown).toContain('<html lang="en"');
  expect(unknown).toContain('New board');
});

test('on one board a person in German and a person in French each read their own language', async ({ openUser, boardId }) => {
  const anna = await openUser('Anna', { locale: 'de-DE' });
  await openBoardIn(anna.page, boardId, 'Verbunden');
  const claire = await openUser('Claire', { locale: 'fr-FR' });
  await openBoardIn(claire.page, boardId, 'Connecté');

  await expect(anna.page.getByRole('list', { name: 'Mitwirkende' }).getByRole('listitem')).toHaveCount(2);
  await expect(claire.page.getByRole('list', { name: 'Participants' }).getByRole('listitem')).toHaveCount(2);
  await expect(anna.page.getByText('2 Personen sind hier')).toBeVisible();
  await expect(claire.page.getByText('2 personnes ici')).toBeVisible();
  // Claire's arrival, announced to Anna in German.
  await expect(anna.page.getByRole('status', { name: 'Hinweise' })).toContainText('ist dazugekommen');

  // Each picks a tool by its name in their own language; the style bar follows suit.
  await claire.page.getByRole('button', { name: 'Losange', exact: true }).click();
  await expect(claire.page.getByRole('complementary', { name: 'Style' })).toBeVisible();
  await anna.page.getByRole('button', { name: 'Raute', exact: true }).click();
  await expect(anna.page.getByRole('complementary', { name: 'Stil' })).toBeVisible();
  await expect(anna.page.getByRole('button', { name: 'Rechteck', exact: true })).toBeVisible();
  await expect(claire.page.getByRole('button', { name: 'Rectangle', exact: true })).toBeVisible();
});
