import { describe, expect, it } from 'vitest';
import type { Shape } from '../board/schema';
import { type Peer, peerFromState } from './peers';
import { rectangleDraft } from '../board/test/drafts';
import { presenceItems } from './presence-items';

const rect = (id: string, x: number): Shape => ({ ...rectangleDraft({ x, y: 0, w: 10, h: 10 }, 'u'), id, z: 'a0' });
const shapes = new Map([['a', rect('a', 0)], ['b', rect('b', 50)]]);
const lookup = (id: string) => shapes.get(id);
const peer = (clientId: number, extra: object): Peer =>
  peerFromState(clientId, { user: { name: `P${clientId}`, color: '#2f9e44' }, ...extra }, 0)!;

describe('presenceItems', () => {
  it('outlines what others selected, in their colour', () => {
    const items = presenceItems([peer(1, { selection: ['a', 'gone'] })], lookup);
    expect(items).toEqual([{ name: 'P1', color: '#2f9e44', drawn: [], selected: [rect('a', 0)] }]);
  });

  it('outlines a dragged selection where it is being dragged', () => {
    const items = presenceItems([peer(1, { selection: ['a'], preview: { kind: 'edit', shapes: [{ id: 'a', x: 30, y: 0 }] } })], lookup);
    expect(items[0]!.drawn).toEqual([rect('a', 30)]);
    expect(items[0]!.selected).toEqual([rect('a', 30)]);
  });

  it('skips oneself and people doing nothing', () => {
    const self = peerFromState(0, { user: { name: 'Me', color: '#2f9e44' }, selection: ['a'] }, 0)!;
    expect(presenceItems([self, peer(2, {})], lookup)).toEqual([]);
  });
});
