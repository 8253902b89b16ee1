import { describe, expect, it } from 'vitest';
import { PeerDirectory } from './peer-directory';

const state = (name: string, cursor: { x: number; y: number } | null = null) => ({
  user: { name, color: '#e03131' },
  cursor,
  selection: [],
});

describe('PeerDirectory', () => {
  it('keeps the lists while only cursors move, and renews them when a label changes', () => {
    const peers = new PeerDirectory();
    peers.update(1, state('Self'), 1);
    peers.update(2, state('Bob', { x: 1, y: 1 }), 1);
    const first = peers.refresh();
    expect(first.rosterChanged).toBe(true);
    expect(peers.roster.map((p) => p.name)).toEqual(['Self', 'Bob']);
    expect(peers.cursorPeers.map((p) => p.clientId)).toEqual([2]);

    const { roster, cursorPeers } = peers;
    peers.update(2, state('Bob', { x: 50, y: 60 }), 1);
    expect(peers.refresh()).toEqual({ rosterChanged: false, cursorsChanged: false, previousRoster: roster });
    expect(peers.roster).toBe(roster);
    expect(peers.cursorPeers).toBe(cursorPeers);
    expect(peers.remotePeers[0]!.cursor).toEqual({ x: 50, y: 60 });

    peers.update(2, state('Robert'), 1);
    const renamed = peers.refresh();
    expect(renamed.rosterChanged).toBe(true);
    expect(renamed.previousRoster).toBe(roster);
    expect(peers.cursorPeers).toEqual([]);
  });

  it('drops a client whose state does not fit the schema, and removed clients', () => {
    const peers = new PeerDirectory();
    peers.update(2, state('Bob'), 1);
    peers.update(3, state('Cy'), 1);
    expect(peers.update(2, { user: { name: 42 } }, 1)).toBeNull();
    peers.remove(3);
    peers.refresh();
    expect(peers.roster).toEqual([]);
    expect(peers.get(2)).toBeUndefined();
  });
});
