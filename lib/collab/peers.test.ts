import { describe, expect, it } from 'vitest';
import { ANONYMOUS, initials, type Peer, peerFromState, sameLabels, sameRoster, sortPeers } from './peers';

const state = (name: string, cursor: { x: number; y: number } | null = null, extra: object = {}) => ({
  user: { name, color: '#e03131' },
  cursor,
  selection: [],
  ...extra,
});

describe('peers', () => {
  it('reads a presence state and marks oneself', () => {
    expect(peerFromState(7, state('Ada', { x: 1, y: 2 }), 7)).toEqual({
      clientId: 7,
      userId: null,
      name: 'Ada',
      color: '#e03131',
      cursor: { x: 1, y: 2 },
      isSelf: true,
      idle: false,
      selection: [],
      follow: null,
      view: null,
      preview: null,
    });
    expect(peerFromState(8, state('  '), 7)).toMatchObject({ name: ANONYMOUS, isSelf: false });
  });

  it('reads idle, follow and the user id', () => {
    const peer = peerFromState(8, { ...state('Bo', null, { idle: true, follow: 3 }), user: { name: 'Bo', color: '#e03131', id: 'u-1' } }, 7);
    expect(peer).toMatchObject({ idle: true, follow: 3, userId: 'u-1' });
  });

  it('lists a client without a user as Anonymous', () => {
    expect(peerFromState(1, {}, 0)).toMatchObject({ name: ANONYMOUS, cursor: null });
  });

  it('ignores states that do not fit the schema', () => {
    expect(peerFromState(1, { user: { name: 'x', color: 'red' } }, 0)).toBeNull();
    expect(peerFromState(1, null, 0)).toBeNull();
  });

  it('lists oneself first, then by name', () => {
    const peers = [3, 1, 2].map((id) => peerFromState(id, state(['', 'Zoe', 'Bob', 'Ann'][id]!), 3)!);
    expect(sortPeers(peers).map((peer) => peer.name)).toEqual(['Ann', 'Bob', 'Zoe']);
    expect(sortPeers(peers)[0]?.isSelf).toBe(true);
  });

  it('tells roster changes from cursor moves', () => {
    const a: Peer[] = [peerFromState(1, state('Ada', { x: 1, y: 1 }), 0)!];
    const moved: Peer[] = [peerFromState(1, state('Ada', { x: 2, y: 1 }), 0)!];
    const renamed: Peer[] = [peerFromState(1, state('Ava', { x: 1, y: 1 }), 0)!];
    const idle: Peer[] = [peerFromState(1, state('Ada', { x: 1, y: 1 }, { idle: true }), 0)!];
    expect(sameRoster(a, moved)).toBe(true);
    expect(sameLabels(a, moved)).toBe(true);
    expect(sameRoster(a, renamed)).toBe(false);
    expect(sameLabels(a, renamed)).toBe(false);
    expect(sameRoster(a, idle)).toBe(false);
  });

  it('makes initials', () => {
    expect(initials('Ada Lovelace')).toBe('AL');
    expect(initials('grace brewster hopper')).toBe('GH');
    expect(initials('bob')).toBe('B');
    expect(initials('  ')).toBe('');
  });
});
