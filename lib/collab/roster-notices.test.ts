import { describe, expect, it } from 'vitest';
import { noticeTexts, rosterChanges } from './roster-notices';
import { type Peer, peerFromState } from './peers';
import { translate } from '../i18n';

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
  const english = (change: { joined: string[]; left: string[] }) => noticeTexts(change).map((text) => translate('en', text));

  it('folds several people into one line', () => {
    expect(english({ joined: ['Ada'], left: [] })).toEqual(['Ada joined']);
    expect(english({ joined: ['Ada', 'Bob'], left: ['Cy'] })).toEqual(['Ada and Bob joined', 'Cy left']);
    expect(english({ joined: ['A', 'B', 'C', 'D'], left: [] })).toEqual(['A and 3 others joined']);
    expect(english({ joined: ['A', 'B', 'C'], left: [] })).toEqual(['A and 2 others joined']);
  });

  it('speaks the reader\'s language', () => {
    expect(noticeTexts({ joined: ['Ada'], left: ['Bob', 'Cy'] }).map((text) => translate('de', text))).toEqual(['Ada ist dazugekommen', 'Bob und Cy sind gegangen']);
  });
});
