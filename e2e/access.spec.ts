/**
 * Who may do what, as people meet it, one browser context per person: the owner makes a board
 * and shares its links from the Share dialog; a viewer watches live but cannot change anything;
 * an editor draws; the owner resets the links and both pages say so; a bare link of the board
 * leads nowhere.
 */
import type { Page } from '@playwright/test';
import {
  collaborators,
  drag,
  drawRectangle,
  expectBoardReady,
  expectRectangle,
  parkMouse,
  selectTool,
  SYNC_TIMEOUT,
  toolButton,
  type ToolName,
} from './support/board';
import { expectStored, shapesOnScreen } from './support/editor';
import { expect, test } from './support/fixtures';
import type { Rect } from './support/pixels';

const WRITING_TOOLS: ToolName[] = ['Pen', 'Rectangle', 'Ellipse', 'Diamond', 'Line', 'Arrow', 'Text', 'Sticky note', 'Eraser'];

async function copyLink(page: Page, button: 'Copy edit link' | 'Copy view-only link'): Promise<string> {
  await page.getByRole('button', { name: button }).click();
  await expect(page.getByRole('status').filter({ hasText: 'copied' })).toBeVisible();
  return page.evaluate(() => navigator.clipboard.readText());
}

test('owner, viewer and editor: the view-only link watches, the edit link draws, a reset locks both out, a bare link has no access', async ({ openUser, server }) => {
  // Four people's pages, one after another, on a machine the other specs share: three times the
  // usual time.
  test.slow();
  const owner = await openUser('Owner');
  await owner.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  await owner.page.goto('/');
  await owner.page.getByRole('button', { name: 'New board' }).click();
  await expectBoardReady(owner.page);
  const boardId = new URL(owner.page.url()).pathname.split('/').pop()!;
  const first: Rect = { x1: 200, y1: 150, x2: 360, y2: 260 };
  await drawRectangle(owner.page, first);

  await owner.page.getByRole('button', { name: 'Share' }).click();
  const viewLink = await copyLink(owner.page, 'Copy view-only link');
  const editLink = await copyLink(owner.page, 'Copy edit link');
  expect(viewLink).toMatch(new RegExp(`^${server.url}/b/${boardId}#view=[A-Za-z0-9_-]+$`));
  expect(editLink).toMatch(new RegExp(`^${server.url}/b/${boardId}#edit=[A-Za-z0-9_-]+$`));
  await owner.page.keyboard.press('Escape');

  // The viewer: the board, live, with "View only" and no tool that writes.
  const viewer = await openUser('Viewer');
  await viewer.page.goto(viewLink);
  await expectBoardReady(viewer.page);
  await expect(viewer.page.getByText('View only', { exact: true })).toBeVisible();
  for (const tool of WRITING_TOOLS) await expect(toolButton(viewer.page, tool)).toHaveCount(0);
  await expect(viewer.page.getByRole('button', { name: 'Undo' })).toHaveCount(0);
  await expectRectangle(viewer.page, first);
  await expect(collaborators(viewer.page)).toHaveCount(2);
  await expect(collaborators(owner.page)).toHaveCount(2);
  const second: Rect = { x1: 500, y1: 150, x2: 640, y2: 250 };
  await drawRectangle(owner.page, second);
  await parkMouse(owner.page);
  await expectRectangle(viewer.page, second);

  // A drag on the owner's rectangle (with Select, the one tool that could move it) changes nothing.
  const before = await shapesOnScreen(owner.page);
  await selectTool(viewer.page, 'Select');
  await drag(viewer.page, { x: first.x1, y: 200 }, { x: first.x1 + 150, y: 400 });
  await parkMouse(viewer.page);
  await expect(viewer.page.getByRole('complementary', { name: 'Style' })).toHaveCount(0);

  // The editor draws; everyone sees it, and it comes after the viewer's drag, which never arrived.
  const editor = await openUser('Editor');
  await editor.page.goto(editLink);
  await expectBoardReady(editor.page);
  await expect(editor.page.getByText('View only', { exact: true })).toHaveCount(0);
  const third: Rect = { x1: 250, y1: 450, x2: 420, y2: 560 };
  await drawRectangle(editor.page, third);
  await parkMouse(editor.page);
  for (const person of [owner, viewer]) await expectRectangle(person.page, third);
  await expectStored(owner.page, boardId, (shapes) => expect(shapes).toHaveLength(3));
  for (const person of [owner, viewer]) {
    const onScreen = await shapesOnScreen(person.page);
    expect(onScreen.slice(0, 2), `${person.label}'s screen`).toEqual(before);
  }
  await expectRectangle(viewer.page, first);

  // The owner resets the links: the viewer's and the editor's pages say so.
  await owner.page.getByRole('button', { name: 'Share' }).click();
  await owner.page.getByRole('button', { name: 'Reset links' }).click();
  await expect(owner.page.getByText('the old ones no longer work')).toBeVisible();
  for (const person of [viewer, editor]) {
    await expect(person.page.getByRole('alert').filter({ hasText: 'The link was reset' })).toBeVisible({ timeout: SYNC_TIMEOUT });
  }
  await expect(owner.page.getByTestId('connection-status')).toHaveText('Connected');

  // A bare link of the board: no access, said so, and the API says 401.
  const stranger = await openUser('Stranger');
  await stranger.page.goto(`/b/${boardId}`);
  await expect(stranger.page.getByRole('alert').filter({ hasText: 'access' })).toBeVisible({ timeout: SYNC_TIMEOUT });
  expect((await stranger.page.request.get(`/api/boards/${boardId}`)).status()).toBe(401);
});
