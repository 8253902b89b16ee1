/**
 * Chat: a message reaches the others (with an unread badge while their panel is closed), is
 * rendered as text, and is still there after a reload. (Share, which copies the board's link, is
 * with the other clipboard tests in clipboard.spec.ts.)
 */
import { setDisplayName } from './support/board';
import { chatButton, chatLog, openChat, sendChat } from './support/collab';
import { expect, test } from './support/fixtures';

test('a chat message reaches the others and is still there after a reload', async ({ openBoard }) => {
  const alice = await openBoard(undefined, 'Alice');
  const bob = await openBoard(undefined, 'Bob');
  const carol = await openBoard(undefined, 'Carol');
  await setDisplayName(alice.page, 'Alice');

  await sendChat(alice.page, 'Hello from Alice');
  await sendChat(alice.page, '<b>not bold</b>');
  await expect(chatLog(alice.page).getByRole('listitem')).toHaveCount(2);

  // Closed panels show how many messages are unread.
  for (const user of [bob, carol]) {
    await expect(user.page.getByTestId('chat-unread')).toContainText('2');
    await expect(chatButton(user.page)).toHaveAccessibleName(/Chat.*2 unread/);
  }
  await openChat(bob.page);
  const messages = chatLog(bob.page).getByRole('listitem');
  await expect(messages).toHaveCount(2);
  await expect(messages.first()).toContainText('Alice');
  await expect(messages.first()).toContainText('Hello from Alice');
  // Text stays text: the markup shows as typed, and no element was made of it.
  await expect(messages.nth(1)).toContainText('<b>not bold</b>');
  await expect(chatLog(bob.page).locator('b')).toHaveCount(0);
  await expect(bob.page.getByTestId('chat-unread')).toHaveCount(0);

  // Bob answers with Enter; Shift+Enter makes a new line within the message.
  const box = bob.page.getByRole('textbox', { name: 'Message' });
  await box.fill('Hi Alice');
  await box.press('Shift+Enter');
  await box.pressSequentially('second line');
  await box.press('Enter');
  await openChat(alice.page);
  await expect(chatLog(alice.page).getByRole('listitem')).toHaveCount(3);
  await expect(chatLog(alice.page).getByRole('listitem').nth(2)).toContainText('Hi Alice\nsecond line');

  // After a reload, the history is there, and what was read stays read.
  await bob.page.reload();
  await expect(bob.page.getByTestId('connection-status')).toHaveText('Connected');
  await expect(bob.page.getByTestId('chat-unread')).toHaveCount(0);
  await openChat(bob.page);
  await expect(chatLog(bob.page).getByRole('listitem')).toHaveCount(3);
  await expect(chatLog(bob.page)).toContainText('Hello from Alice');
});

test('the chat is capped in length', async ({ openBoard }) => {
  const alice = await openBoard(undefined, 'Alice');
  await openChat(alice.page);
  const box = alice.page.getByRole('textbox', { name: 'Message' });
  await box.fill('x'.repeat(2_500));
  await expect(box).toHaveValue('x'.repeat(2_000));
});
