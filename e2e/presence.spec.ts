/**
 * Presence with three and four people, each in their own browser context: everyone's cursor with
 * the right name on every other screen, no ghost cursor after a person leaves, and a
 * collaborators list that follows joins and leaves. (How fast is for bench/, not for a test: the
 * checks wait for the state with the suite's generous timeout.)
 */
import { collaborators, gotoBoard, moveTo, remoteCursors, setDisplayName } from './support/board';
import { cursorOffset, noticesSeen, pointerOffCanvas, recordNotices } from './support/collab';
import { expect, test, type User } from './support/fixtures';

/** Opens the board as a person whose browser already knows their name (as after a first visit). */
async function join(openUser: (label?: string) => Promise<User>, boardId: string, name: string): Promise<User> {
  const user = await openUser(name);
  await user.context.addInitScript((stored) => localStorage.setItem('tabula:user-name', stored), name);
  await recordNotices(user.context);
  await gotoBoard(user.page, boardId);
  return user;
}

test('cursors show with the right names on every other screen, and leave no ghost', async ({ openUser, boardId }) => {
  const names = ['Alice', 'Bob', 'Carol'];
  const users: User[] = [];
  for (const name of names) users.push(await join(openUser, boardId, name));
  const spots = names.map((_, i) => ({ x: 240 + i * 180, y: 300 + i * 40 }));

  for (const [i, user] of users.entries()) await moveTo(user.page, spots[i]!);

  for (const [i, user] of users.entries()) {
    const cursors = remoteCursors(user.page);
    await expect(cursors).toHaveCount(2);
    for (const [j, name] of names.entries()) {
      const cursor = cursors.filter({ hasText: name });
      if (i === j) {
        await expect(cursor).toHaveCount(0);
        continue;
      }
      await expect(cursor).toHaveCount(1);
      // The cursor's tip is where that person points (after its glide settles).
      await expect
        .poll(async () => {
          const at = await cursorOffset(cursor, user.page);
          return Math.hypot(at.x - spots[j]!.x, at.y - spots[j]!.y);
        })
        .toBeLessThan(2);
    }
  }

  // A pointer that leaves the canvas leaves the other screens.
  await pointerOffCanvas(users[0]!.page);
  await expect(remoteCursors(users[1]!.page).filter({ hasText: 'Alice' })).toHaveCount(0);
  await expect(remoteCursors(users[2]!.page).filter({ hasText: 'Alice' })).toHaveCount(0);
  await moveTo(users[0]!.page, spots[0]!);
  await expect(remoteCursors(users[1]!.page).filter({ hasText: 'Alice' })).toHaveCount(1);

  // Carol closes her browser: her cursor goes from both other screens.
  await users[2]!.context.close();
  for (const user of users.slice(0, 2)) {
    await expect(remoteCursors(user.page).filter({ hasText: 'Carol' })).toHaveCount(0);
  }
  await expect(remoteCursors(users[0]!.page)).toHaveCount(1);
  await expect(remoteCursors(users[1]!.page)).toHaveCount(1);
});

test('the collaborators list follows joins and leaves, marking oneself', async ({ openUser, boardId }) => {
  const names = ['Alice', 'Bob', 'Carol', 'Dan'];
  const users: User[] = [];
  for (const name of names) {
    users.push(await join(openUser, boardId, name));
    for (const user of users) {
      await expect(collaborators(user.page)).toHaveCount(users.length);
    }
  }

  const alice = users[0]!.page;
  // The others' arrivals are announced, without getting in the way of the board; nobody is
  // announced to a newcomer (they were there already).
  // (A notice shows for a few seconds: the pages keep what they showed, see recordNotices.)
  await expect.poll(() => noticesSeen(alice)).toContain('Dan joined');
  await expect(alice.getByRole('status', { name: 'Notices' })).toHaveCSS('pointer-events', 'none');
  // Dan's list has had everyone since the loop above: an announcement of them would be there.
  expect((await noticesSeen(users[3]!.page)).filter((text) => /joined|left/.test(text))).toEqual([]);

  await expect(alice.getByText('4 people here')).toBeVisible();
  // One item per person, with their name; oneself first and marked.
  await expect(collaborators(alice).first()).toContainText('Alice');
  await expect(collaborators(alice).first()).toContainText('(you)');
  for (const name of names.slice(1)) {
    await expect(collaborators(alice).filter({ hasText: name })).toHaveCount(1);
    await expect(collaborators(alice).filter({ hasText: name })).not.toContainText('(you)');
  }

  // A rename shows on the other screens at once.
  await setDisplayName(users[3]!.page, 'Daniel');
  await expect(collaborators(alice).filter({ hasText: 'Daniel' })).toHaveCount(1);

  await users[1]!.context.close();
  for (const user of [users[0]!, users[2]!, users[3]!]) {
    await expect(collaborators(user.page)).toHaveCount(3);
    await expect(collaborators(user.page).filter({ hasText: 'Bob' })).toHaveCount(0);
  }
  await expect.poll(() => noticesSeen(alice)).toContain('Bob left');
});
