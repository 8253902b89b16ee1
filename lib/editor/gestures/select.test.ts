import { describe, expect, it } from 'vitest';
import { gesturePreview } from '../gesture';
import { at, context, path, runGesture, shape, shifted } from '../test/support';

const rect = shape({ id: 'r1', type: 'rectangle', x: 100, y: 100, w: 100, h: 50, z: 'a0' });
const other = shape({ id: 'r2', type: 'rectangle', x: 400, y: 100, w: 100, h: 50, z: 'a1' });
const board = [rect, other];

describe('clicking', () => {
  it('selects the shape under the pointer on a click, without moving it', () => {
    expect(runGesture(context('select', board), at(150, 120), [], at(150, 120)).commands).toEqual([{ type: 'select', ids: ['r1'] }]);
  });

  it('clears the selection on a click on empty space', () => {
    expect(runGesture(context('select', board, ['r1']), at(900, 900), [], at(900, 900)).commands).toEqual([{ type: 'select', ids: [] }]);
    expect(runGesture(context('select', board), at(900, 900), [], at(900, 900)).commands).toEqual([]);
  });

  it('narrows a multiple selection to the clicked shape on a click', () => {
    const { commands } = runGesture(context('select', board, ['r1', 'r2']), at(450, 120), [], at(450, 120));
    expect(commands).toEqual([{ type: 'select', ids: ['r2'] }]);
  });

  it('toggles a shape in the selection with Shift', () => {
    expect(runGesture(context('select', board, ['r1']), shifted(at(450, 120)), [], shifted(at(450, 120))).commands).toEqual([
      { type: 'select', ids: ['r1', 'r2'] },
    ]);
    expect(runGesture(context('select', board, ['r1', 'r2']), shifted(at(450, 120)), [], shifted(at(450, 120))).commands).toEqual([
      { type: 'select', ids: ['r1'] },
    ]);
  });
});

describe('marquee', () => {
  it('selects the shapes wholly inside it as it is dragged', () => {
    const ctx = context('select', board);
    const { commands, states } = runGesture(ctx, at(50, 50), [at(300, 300)], at(600, 300));
    expect(commands.at(-1)).toEqual({ type: 'select', ids: ['r1', 'r2'] });
    expect(commands[0]).toEqual({ type: 'select', ids: ['r1'] });
    expect(gesturePreview(states[1]!, ctx).marquee).toEqual({ x: 50, y: 50, w: 250, h: 250 });
  });

  it('leaves out shapes it only touches', () => {
    const { commands } = runGesture(context('select', board), at(50, 50), [], at(150, 300));
    expect(commands.at(-1)).toEqual({ type: 'select', ids: [] });
  });

  it('adds to the selection with Shift', () => {
    const { commands } = runGesture(context('select', board, ['r2']), shifted(at(50, 50)), [], shifted(at(300, 300)));
    expect(commands.at(-1)).toEqual({ type: 'select', ids: ['r2', 'r1'] });
  });

  it('selects a rotated shape by its turned corners', () => {
    // A 100 x 10 bar turned 90 degrees stands 10 wide and 100 tall about its centre (150, 105).
    const bar = shape({ id: 'bar', type: 'rectangle', x: 100, y: 100, w: 100, h: 10, rotation: Math.PI / 2 });
    const narrow = runGesture(context('select', [bar]), at(140, 50), [], at(160, 160));
    expect(narrow.commands.at(-1)).toEqual({ type: 'select', ids: ['bar'] });
  });
});

describe('moving', () => {
  it('selects and moves the hit shape with one update at the end', () => {
    const ctx = context('select', board);
    const { commands, states } = runGesture(ctx, at(150, 120), path({ x: 150, y: 120 }, { x: 180, y: 160 }, 4), at(190, 170));
    expect(commands).toEqual([
      { type: 'select', ids: ['r1'] },
      { type: 'update', patches: new Map([['r1', { x: 140, y: 150 }]]) },
    ]);
    expect(gesturePreview(states.at(-1)!, ctx).patches).toEqual(new Map([['r1', { x: 130, y: 140 }]]));
  });

  it('drags the whole selection when one of its shapes is grabbed', () => {
    const { commands } = runGesture(context('select', board, ['r1', 'r2']), at(450, 120), [at(460, 120)], at(470, 130));
    expect(commands).toEqual([{ type: 'update', patches: new Map([['r1', { x: 120, y: 110 }], ['r2', { x: 420, y: 110 }]]) }]);
  });

  it('keeps to one axis with Shift and snaps to the grid', () => {
    const shift = runGesture(context('select', board, ['r1']), at(150, 120), [], shifted(at(190, 125)));
    expect(shift.commands).toEqual([{ type: 'update', patches: new Map([['r1', { x: 140, y: 100 }]]) }]);
    const grid = runGesture(context('select', board, ['r1'], { grid: 30 }), at(150, 120), [], at(163, 131));
    expect(grid.commands).toEqual([{ type: 'update', patches: new Map([['r1', { x: 120, y: 120 }]]) }]);
  });
});

describe('handles', () => {
  it('resizes from the south-east corner, the north-west corner staying put', () => {
    const { commands } = runGesture(context('select', board, ['r1']), at(200, 150), [at(250, 170)], at(300, 200));
    expect(commands).toMatchObject([{ type: 'update', patches: new Map([['r1', { x: 100, y: 100, w: 200, h: 100 }]]) }]);
  });

  it('keeps the aspect ratio with Shift', () => {
    const { commands } = runGesture(context('select', board, ['r1']), at(200, 150), [], shifted(at(300, 160)));
    expect(commands).toMatchObject([{ type: 'update', patches: new Map([['r1', { x: 100, y: 100, w: 200, h: 100 }]]) }]);
  });

  it('rotates about the centre from the handle above the frame', () => {
    // The handle is 24 px above the top edge's middle: (150, 76). Dragging it to the right of the
    // centre (150, 125) turns the shape a quarter turn clockwise.
    const { commands } = runGesture(context('select', board, ['r1']), at(150, 76), [at(180, 90)], at(250, 125));
    const update = commands[0];
    if (update?.type !== 'update') throw new Error('expected an update');
    const patch = update.patches.get('r1')!;
    expect(patch.rotation).toBeCloseTo(Math.PI / 2);
    expect(patch.x).toBeCloseTo(100);
    expect(patch.y).toBeCloseTo(100);
  });

  it('moves one end of a selected line, the other staying put', () => {
    const line = shape({ id: 'l', type: 'line', x: 0, y: 0, w: 100, h: 0, points: [0, 0, 100, 0] });
    const { commands } = runGesture(context('select', [line], ['l']), at(100, 0), [], at(100, 50));
    expect(commands).toMatchObject([{ type: 'update', patches: new Map([['l', { x: 0, y: 0, w: 100, h: 50, points: [0, 0, 100, 50], rotation: 0 }]]) }]);
  });
});

describe('snapping while moving', () => {
  it("lines the moved shape's edges up with another shape's within the threshold, with guides", () => {
    const ctx = context('select', board);
    // A drag of (297, 180) puts r1's left edge at 397: 3 from r2's left edge at 400.
    const { commands, states } = runGesture(ctx, at(150, 120), [at(447, 300)], at(447, 300));
    expect(commands.at(-1)).toEqual({ type: 'update', patches: new Map([['r1', { x: 400, y: 280 }]]) });
    const guides = gesturePreview(states[1]!, ctx).guides;
    // The boxes are alike: left edges, centres and right edges all line up, from r2 (top) down to r1.
    expect(guides.map((guide) => [guide.axis, guide.at, guide.from, guide.to])).toEqual([
      ['x', 400, 100, 330],
      ['x', 450, 100, 330],
      ['x', 500, 100, 330],
    ]);
  });

  it('snaps to the rotated bounds of a turned shape, and not beyond the threshold (in screen pixels)', () => {
    // Turned a quarter: it covers x 725..775 on the board. A drag of 522 puts r1's right edge at 722.
    const turned = shape({ id: 'r3', type: 'rectangle', x: 700, y: 100, w: 100, h: 50, z: 'a2', rotation: Math.PI / 2 });
    const ctx = context('select', [rect, turned]);
    const snapped = runGesture(ctx, at(150, 120), [at(672, 400)], at(672, 400)).commands.at(-1);
    expect(snapped).toEqual({ type: 'update', patches: new Map([['r1', { x: 625, y: 380 }]]) });
    // At zoom 2, 8 screen pixels are 4 board units: 3 units away still snaps, 5 does not.
    const zoomed = context('select', [rect, turned], [], { zoom: 2 });
    expect(runGesture(zoomed, at(150, 120), [at(672, 400)], at(672, 400)).commands.at(-1)).toEqual({ type: 'update', patches: new Map([['r1', { x: 625, y: 380 }]]) });
    expect(runGesture(zoomed, at(150, 120), [at(670, 400)], at(670, 400)).commands.at(-1)).toEqual({ type: 'update', patches: new Map([['r1', { x: 620, y: 380 }]]) });
  });

  it('snaps to shapes before the grid, and to the grid where no shape is near', () => {
    const ctx = context('select', board, [], { grid: 20 });
    const { commands } = runGesture(ctx, at(150, 120), [at(447, 300)], at(447, 300));
    // x snapped to r2 (400); y 280 on the grid already. A move far from r2 snaps x to the grid.
    expect(commands.at(-1)).toEqual({ type: 'update', patches: new Map([['r1', { x: 400, y: 280 }]]) });
    const far = runGesture(ctx, at(150, 120), [at(157, 611)], at(157, 611)).commands.at(-1);
    expect(far).toEqual({ type: 'update', patches: new Map([['r1', { x: 100, y: 600 }]]) });
  });
});
