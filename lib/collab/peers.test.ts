import { describe, expect, it } from 'vitest';
import { ANONYMOUS, initials, type Peer, peerFromState, sameCursors, sameRoster, sortPeers } from './peers';

const state = (name: string, cursor: { x: number; y: number } | null = null) => ({
  user: { name, color: '#e03131' },
  cursor,
  selection: [],
});

describe('peers', () => {
  it('reads a presence state and marks oneself', () => {
    expect(peerFromState(7, state('Ada', { x: 1, y: 2 }), 7)).toEqual({
      clientId: 7,
      name: 'Ada',
      color: '#e03131',
      cursor: { x: 1, y: 2 },
      isSelf: true,
    });
    expect(peerFromState(8, state('  '), 7)).toMatchObject({ name: ANONYMOUS, isSelf: false });
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
    expect(sameRoster(a, moved)).toBe(true);
    expect(sameCursors(a, moved)).toBe(false);
    expect(sameRoster(a, renamed)).toBe(false);
  });

  it('makes initials', () => {
    expect(initials('Ada Lovelace')).toBe('AL');
    expect(initials('grace brewster hopper')).toBe('GH');
    expect(initials('bob')).toBe('B');
    expect(initials('  ')).toBe('');
  });
});
