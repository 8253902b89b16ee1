import { describe, expect, it } from 'vitest';
import { gesturePreview, IDLE, pointerDown } from './gesture';
import { at, context, path, runGesture, shape, shifted } from './test/support';

const rect = shape({ id: 'r1', type: 'rectangle', x: 100, y: 100, w: 100, h: 50, z: 'a0' });
const other = shape({ id: 'r2', type: 'rectangle', x: 400, y: 100, w: 100, h: 50, z: 'a1' });
const board = [rect, other];

describe('box tools', () => {
  it('adds one normalised rectangle at the end of a drag, from press to release', () => {
    const ctx = context('rectangle', board);
    const { commands, states, end } = runGesture(ctx, at(300, 250), path({ x: 300, y: 250 }, { x: 120, y: 90 }, 5), at(100, 80));
    expect(end).toBe(IDLE);
    expect(commands).toHaveLength(1);
    expect(commands[0]).toMatchObject({ type: 'add', shapes: [{ type: 'rectangle', x: 100, y: 80, w: 200, h: 170, createdBy: 'user-1' }] });
    // While dragging, the preview shows the rectangle so far.
    expect(gesturePreview(states.at(-1)!, ctx).shape).toMatchObject({ x: 120, y: 90, w: 180, h: 160 });
  });

  it.each(['ellipse', 'diamond'] as const)('draws a %s from a drag', (tool) => {
    const { commands } = runGesture(context(tool, []), at(10, 10), [at(50, 30)], at(110, 60));
    expect(commands).toMatchObject([{ type: 'add', shapes: [{ type: tool, x: 10, y: 10, w: 100, h: 50 }] }]);
  });

  it('draws squares and circles with Shift', () => {
    const { commands } = runGesture(context('ellipse', []), shifted(at(100, 100)), [shifted(at(130, 120))], shifted(at(160, 110)));
    expect(commands).toMatchObject([{ type: 'add', shapes: [{ x: 100, y: 100, w: 60, h: 60 }] }]);
    const up = runGesture(context('rectangle', []), shifted(at(100, 100)), [], shifted(at(60, 90)));
    expect(up.commands).toMatchObject([{ type: 'add', shapes: [{ x: 60, y: 60, w: 40, h: 40 }] }]);
  });

  it('draws nothing for a click, even with a tiny jitter', () => {
    expect(runGesture(context('rectangle', board), at(50, 50), [at(51, 51)], at(51, 50)).commands).toEqual([]);
  });

  it('shows no preview before the pointer has moved past the threshold', () => {
    const ctx = context('rectangle', board);
    expect(gesturePreview(pointerDown(ctx, at(50, 50)).gesture, ctx).shape).toBeNull();
  });

  it('takes the style of the next shape', () => {
    const style = { stroke: '#e03131', fillMode: 'semi' as const, strokeWidth: 4, strokeStyle: 'dashed' as const, opacity: 0.5, fontSize: 20, fontFamily: 'sans' as const, textAlign: null, noteColor: '#ffec99' };
    const { commands } = runGesture(context('rectangle', [], [], { style }), at(0, 0), [], at(50, 50));
    expect(commands).toMatchObject([{ type: 'add', shapes: [{ stroke: '#e03131', fill: '#e0313140', strokeWidth: 4, strokeStyle: 'dashed', opacity: 0.5 }] }]);
  });

  it('snaps to the grid when it is on', () => {
    const { commands } = runGesture(context('rectangle', [], [], { grid: 20 }), at(13, 27), [], at(95, 71));
    expect(commands).toMatchObject([{ type: 'add', shapes: [{ x: 20, y: 20, w: 80, h: 60 }] }]);
  });
});

describe('sticky note tool', () => {
  it('places a square note centred on a click and opens it for typing', () => {
    const { commands } = runGesture(context('sticky', []), at(300, 300), [], at(300, 300));
    expect(commands).toMatchObject([{ type: 'add', edit: true, shapes: [{ type: 'sticky', x: 200, y: 200, w: 200, h: 200, text: '', fill: '#ffec99' }] }]);
  });

  it('sizes a dragged note, always square', () => {
    const { commands } = runGesture(context('sticky', []), at(0, 0), [at(50, 50)], at(150, 100));
    expect(commands).toMatchObject([{ type: 'add', shapes: [{ x: 0, y: 0, w: 150, h: 150 }] }]);
  });
});

describe('line and arrow tools', () => {
  it.each(['line', 'arrow'] as const)('draws a %s from press to release', (tool) => {
    const { commands } = runGesture(context(tool, []), at(100, 100), [at(150, 120)], at(200, 50));
    expect(commands).toMatchObject([{ type: 'add', shapes: [{ type: tool, x: 100, y: 50, w: 100, h: 50, points: [0, 50, 100, 0] }] }]);
  });

  it('turns in 15-degree steps with Shift', () => {
    const { commands } = runGesture(context('line', []), shifted(at(0, 0)), [], shifted(at(100, 10)));
    const added = commands[0];
    if (added?.type !== 'add' || added.shapes[0]?.type !== 'line') throw new Error('expected a line');
    const [, , x2, y2] = added.shapes[0].points;
    expect(y2).toBeCloseTo(0);
    expect(x2).toBeCloseTo(Math.hypot(100, 10));
  });
});

describe('pen tool', () => {
  it('adds one stroke with points relative to its bounding box', () => {
    const { commands } = runGesture(context('pen', []), at(50, 60, 0.25), [at(70, 40, 0.625)], at(90, 80, 0.75));
    expect(commands).toHaveLength(1);
    const command = commands[0]!;
    if (command.type !== 'add' || command.shapes[0]?.type !== 'pen') throw new Error('expected a pen stroke');
    expect(command.shapes[0]).toMatchObject({ x: 50, y: 40, w: 40, h: 40, createdBy: 'user-1', strokeWidth: 4 });
    expect(command.shapes[0].points).toEqual([0, 20, 0.25, 20, 0, 0.625, 40, 40, 0.75]);
  });

  it('leaves a dot for a tap', () => {
    const { commands } = runGesture(context('pen', []), at(10, 10), [], at(10, 10));
    expect(commands).toMatchObject([{ type: 'add', shapes: [{ type: 'pen', x: 10, y: 10, w: 0, h: 0, points: [0, 0, 0.5] }] }]);
  });
});

describe('text tool', () => {
  it('starts a new text where it is clicked, or edits the text under the pointer', () => {
    const text = shape({ id: 't', type: 'text', x: 0, y: 0, w: 80, h: 25, text: 'hello' });
    expect(runGesture(context('text', [text]), at(300, 300), [], at(300, 300)).commands).toEqual([{ type: 'new-text', at: { x: 300, y: 300 } }]);
    expect(runGesture(context('text', [text]), at(40, 10), [], at(40, 10)).commands).toEqual([{ type: 'edit-text', id: 't' }]);
  });
});

describe('eraser', () => {
  it('deletes every shape whose ink it crosses, once, at the end', () => {
    const ctx = context('eraser', board);
    const { commands, states } = runGesture(ctx, at(90, 125), path({ x: 90, y: 125 }, { x: 600, y: 125 }, 3), at(600, 125));
    expect(commands).toEqual([{ type: 'delete', ids: ['r1', 'r2'] }]);
    expect(gesturePreview(states[1]!, ctx).erasing).toEqual(new Set(['r1']));
  });

  it('spares a hollow shape it only passes inside', () => {
    const big = shape({ id: 'big', type: 'rectangle', x: 0, y: 0, w: 400, h: 400 });
    expect(runGesture(context('eraser', [big]), at(100, 100), [at(200, 200)], at(300, 200)).commands).toEqual([]);
  });
});

describe('laser', () => {
  it('reports points and never changes the document', () => {
    const { commands } = runGesture(context('laser', board), at(1, 2), [at(3, 4)], at(5, 6));
    expect(commands.map((command) => command.type)).toEqual(['laser', 'laser', 'laser']);
  });
});

describe('thresholds', () => {
  it('are in screen pixels', () => {
    const zoomedIn = { ...context('rectangle', board), zoom: 4 };
    expect(runGesture(zoomedIn, at(0, 0), [], at(1, 0)).commands).toHaveLength(1);
    expect(runGesture(context('rectangle', board), at(0, 0), [], at(1, 0)).commands).toHaveLength(0);
  });
});
