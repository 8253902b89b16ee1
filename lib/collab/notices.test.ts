import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NOTICE_MS, NoticeQueue, noticeTexts, rosterChanges } from './notices';
import { type Peer, peerFromState } from './peers';

const peer = (clientId: number, name: string, userId?: string, self = 0): Peer =>
  peerFromState(clientId, { user: { name, color: '#e03131', ...(userId ? { id: userId } : {}) } }, self)!;

describe('rosterChanges', () => {
  it('names who came and who went, never oneself', () => {
    const before = [peer(0, 'Me'), peer(1, 'Ada')];
    const after = [peer(0, 'Me'), peer(2, 'Bob')];
    expect(rosterChanges(before, after)).toEqual({ joined: ['Bob'], left: ['Ada'] });
    expect(rosterChanges([], [peer(0, 'Me')])).toEqual({ joined: [], left: [] });
  });

  it('treats a person by user id: a second tab or a new client id is no news', () => {
    const before = [peer(1, 'Ada', 'u1')];
    expect(rosterChanges(before, [peer(1, 'Ada', 'u1'), peer(5, 'Ada', 'u1')])).toEqual({ joined: [], left: [] });
    expect(rosterChanges(before, [peer(5, 'Ada', 'u1')])).toEqual({ joined: [], left: [] });
  });
});

describe('noticeTexts', () => {
  it('folds several people into one line', () => {
    expect(noticeTexts({ joined: ['Ada'], left: [] })).toEqual(['Ada joined']);
    expect(noticeTexts({ joined: ['Ada', 'Bob'], left: ['Cy'] })).toEqual(['Ada and Bob joined', 'Cy left']);
    expect(noticeTexts({ joined: ['A', 'B', 'C', 'D'], left: [] })).toEqual(['A and 3 others joined']);
  });
});

describe('NoticeQueue', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('shows a notice for a while and keeps at most three', () => {
    let changes = 0;
    const queue = new NoticeQueue(() => changes++);
    for (const text of ['a', 'b', 'c', 'd']) queue.push(text);
    expect(queue.notices.map((n) => n.text)).toEqual(['b', 'c', 'd']);
    vi.advanceTimersByTime(NOTICE_MS);
    expect(queue.notices).toEqual([]);
    expect(changes).toBeGreaterThan(4);
    queue.destroy();
  });
});
