import { describe, expect, it } from 'vitest';
import type { ShapePatch } from '../board/doc';
import type { Shape } from '../board/schema';
import { type Connector, connectorEnds } from '../geometry/binding';
import { bindConnector, type ConnectorDraft, unbindDeleted, withFollowingConnectors } from './bindings';
import { patched } from './transform';

const base = { z: 'a0', stroke: '#1e1e1e', fill: 'none', strokeWidth: 2, opacity: 1, strokeStyle: 'solid' as const, rotation: 0 };
const rect = (id: string, x: number, y: number): Shape => ({ ...base, id, type: 'rectangle', x, y, w: 100, h: 100 });
const draft = (x1: number, y1: number, x2: number, y2: number): ConnectorDraft => ({
  ...base,
  type: 'arrow',
  x: Math.min(x1, x2),
  y: Math.min(y1, y2),
  w: Math.abs(x2 - x1),
  h: Math.abs(y2 - y1),
  points: [x1 - Math.min(x1, x2), y1 - Math.min(y1, y2), x2 - Math.min(x1, x2), y2 - Math.min(y1, y2)],
});
const ends = (shape: Shape) => connectorEnds(shape as Connector).map(({ x, y }) => [Math.round(x * 1000) / 1000, Math.round(y * 1000) / 1000]);

/** Two boxes side by side and an arrow drawn from the middle of one to the middle of the other. */
function board() {
  const a = rect('boxA', 0, 0);
  const b = rect('boxB', 300, 0);
  const arrow = { ...bindConnector(draft(50, 50, 350, 50), [a, b]), id: 'arrow1', z: 'a1' } as Shape;
  return { a, b, arrow, shapes: [a, b, arrow] };
}

const apply = (shapes: readonly Shape[], patches: ReadonlyMap<string, ShapePatch>) => shapes.map((shape) => patched(shape, patches.get(shape.id)));

describe('binding a new connector', () => {
  it('binds each end dropped in a shape and moves it onto the outline', () => {
    const { arrow } = board();
    expect(arrow).toMatchObject({ startBinding: 'boxA', endBinding: 'boxB' });
    expect(ends(arrow)).toEqual([[100, 50], [300, 50]]);
  });

  it('binds nothing for ends on the empty board or both in one shape', () => {
    const a = rect('boxA', 0, 0);
    expect(bindConnector(draft(150, 50, 250, 50), [a])).not.toHaveProperty('startBinding');
    const inside = bindConnector(draft(10, 10, 90, 90), [a]);
    expect(inside).not.toHaveProperty('startBinding');
    expect(inside).not.toHaveProperty('endBinding');
    const half = bindConnector(draft(200, 50, 50, 50), [a]);
    expect(half).toMatchObject({ endBinding: 'boxA' });
    expect(ends({ ...half, id: 'x', z: 'a' } as Shape)).toEqual([[200, 50], [100, 50]]);
  });
});

describe('bound ends follow their shapes', () => {
  it('when a shape moves, is resized or rotated', () => {
    const { shapes } = board();
    const moved = withFollowingConnectors(shapes, new Map([['boxB', { x: 300, y: 200 }]]));
    const afterMove = apply(shapes, moved).find((shape) => shape.id === 'arrow1')!;
    // Between the centres (50, 50) and (350, 250), direction (3, 2): each end on a side edge.
    expect(ends(afterMove)).toEqual([[100, 83.333], [300, 216.667]]);
    expect(afterMove).toMatchObject({ startBinding: 'boxA', endBinding: 'boxB' });

    const resized = apply(shapes, withFollowingConnectors(shapes, new Map([['boxB', { x: 250, w: 150 }]])));
    expect(ends(resized[2]!)).toEqual([[100, 50], [250, 50]]);

    // A quarter turn of a 200 x 100 box about its centre (350, 50): its left side is at x = 300.
    const wide: Shape = { ...rect('boxB', 250, 0), w: 200 };
    const turned = [shapes[0]!, wide, shapes[2]!];
    const rotated = apply(turned, withFollowingConnectors(turned, new Map([['boxB', { rotation: Math.PI / 2 }]])));
    expect(ends(rotated[2]!)[1]).toEqual([300, 50]);
  });

  it('leaves unbound connectors, and changes that move nothing, alone', () => {
    const { shapes } = board();
    const loose = { ...draft(0, 300, 100, 300), id: 'loose', z: 'a2' } as Shape;
    const patches = withFollowingConnectors([...shapes, loose], new Map([['boxA', { stroke: '#e03131' }]]));
    expect([...patches.keys()]).toEqual(['boxA']);
  });

  it('a connector moved on its own leaves the shapes that stay; moved with them it stays bound', () => {
    const { shapes, arrow } = board();
    const alone = withFollowingConnectors(shapes, new Map([['arrow1', { x: arrow.x, y: arrow.y + 300 }]]));
    expect(alone.get('arrow1')).toMatchObject({ startBinding: '', endBinding: '' });
    const together = withFollowingConnectors(shapes, new Map<string, ShapePatch>([
      ['arrow1', { x: arrow.x + 10, y: arrow.y }],
      ['boxA', { x: 10 }],
      ['boxB', { x: 310 }],
    ]));
    expect(together.get('arrow1')).not.toHaveProperty('startBinding');
    expect(ends(apply(shapes, together)[2]!)).toEqual([[110, 50], [310, 50]]);
  });
});

describe('deleting a shape unbinds the ends bound to it', () => {
  it('unbinds the ends of the deleted shapes only, and not of deleted connectors', () => {
    const { shapes } = board();
    expect(unbindDeleted(shapes, new Set(['boxB']))).toEqual(new Map([['arrow1', { endBinding: '' }]]));
    expect(unbindDeleted(shapes, new Set(['boxA', 'boxB']))).toEqual(new Map([['arrow1', { startBinding: '', endBinding: '' }]]));
    expect(unbindDeleted(shapes, new Set(['arrow1', 'boxA']))).toEqual(new Map());
  });
});
