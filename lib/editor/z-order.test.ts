import { describe, expect, it } from 'vitest';
import { compareZ } from '../board/doc';
import type { Shape } from '../board/schema';
import { shape } from './test/support';
import { reorderPatches } from './z-order';

/** Four overlapping squares a, b, c, d from bottom to top. */
const stack = ['a0', 'a1', 'a2', 'a3'].map((z, i) => shape({ id: 'abcd'[i]!, type: 'rectangle', x: i * 10, y: 0, z }));

function order(shapes: readonly Shape[], ids: string[], op: Parameters<typeof reorderPatches>[2]): string {
  const patches = reorderPatches(shapes, new Set(ids), op);
  return shapes
    .map((s) => ({ ...s, ...patches.get(s.id) }))
    .sort(compareZ)
    .map((s) => s.id)
    .join('');
}

describe('reorderPatches', () => {
  it('brings to front and sends to back', () => {
    expect(order(stack, ['b'], 'front')).toBe('acdb');
    expect(order(stack, ['c'], 'back')).toBe('cabd');
    expect(order(stack, ['a', 'c'], 'front')).toBe('bdac');
  });

  it('moves forward and backward past one shape', () => {
    expect(order(stack, ['a'], 'forward')).toBe('bacd');
    expect(order(stack, ['d'], 'backward')).toBe('abdc');
    expect(order(stack, ['a', 'b'], 'forward')).toBe('cabd');
  });

  it('skips shapes that do not overlap the selection', () => {
    const far = shape({ id: 'far', type: 'rectangle', x: 5000, y: 5000, z: 'a0V' });
    const shapes = [...stack.slice(0, 1), far, ...stack.slice(1)].sort(compareZ);
    expect(order(shapes, ['a'], 'forward')).toBe('farbacd');
  });

  it('changes only the z of the moved shapes, and nothing at the top already', () => {
    const patches = reorderPatches(stack, new Set(['b']), 'front');
    expect([...patches.keys()]).toEqual(['b']);
    expect(reorderPatches(stack, new Set(['d']), 'forward').size).toBe(0);
  });

  it('copes with equal z values written by two people at once', () => {
    const twins = [shape({ id: 'x', type: 'rectangle', z: 'a1' }), shape({ id: 'y', type: 'rectangle', z: 'a1' }), shape({ id: 'z', type: 'rectangle', z: 'a2' })];
    expect(order(twins, ['x'], 'forward')).toBe('yxz');
  });
});
