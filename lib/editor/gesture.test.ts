import { describe, expect, it } from 'vitest';
import { type Shape, shapeSchema } from '../board/schema';
import type { Point } from '../geometry/types';
import {
  type EditorCommand,
  type Gesture,
  type GestureContext,
  gesturePreview,
  IDLE,
  type PointerSample,
  pointerDown,
  pointerMove,
  pointerUp,
} from './gesture';
import type { ToolId } from './tools';

const at = (x: number, y: number, pressure = 0.5): PointerSample => ({ point: { x, y }, pressure, shift: false });

const rect = shapeSchema.parse({ id: 'r1', type: 'rectangle', x: 100, y: 100, w: 100, h: 50, z: 'a0' });
const other = shapeSchema.parse({ id: 'r2', type: 'rectangle', x: 400, y: 100, w: 100, h: 50, z: 'a1' });

function context(tool: ToolId, selection: string[] = [], shapes: Shape[] = [rect, other]): GestureContext {
  return { tool, shapes, selection, userId: 'user-1', zoom: 1 };
}

/** Runs a press, moves and a release; returns every command and the gesture after each step. */
function gesture(ctx: GestureContext, down: PointerSample, moves: PointerSample[], up: PointerSample) {
  const commands: EditorCommand[] = [];
  let step = pointerDown(ctx, down);
  commands.push(...step.commands);
  const states: Gesture[] = [step.gesture];
  for (const move of moves) {
    step = pointerMove(step.gesture, ctx, move);
    commands.push(...step.commands);
    states.push(step.gesture);
  }
  step = pointerUp(step.gesture, ctx, up);
  commands.push(...step.commands);
  return { commands, states, end: step.gesture };
}

const path = (from: Point, to: Point, steps: number) =>
  Array.from({ length: steps }, (_, i) => at(from.x + ((to.x - from.x) * (i + 1)) / steps, from.y + ((to.y - from.y) * (i + 1)) / steps));

describe('rectangle tool', () => {
  it('adds one normalised rectangle at the end of a drag, from press to release', () => {
    const { commands, states, end } = gesture(context('rectangle'), at(300, 250), path({ x: 300, y: 250 }, { x: 120, y: 90 }, 5), at(100, 80));
    expect(end).toBe(IDLE);
    expect(commands).toHaveLength(1);
    expect(commands[0]).toMatchObject({
      type: 'add',
      shape: { type: 'rectangle', x: 100, y: 80, w: 200, h: 170, createdBy: 'user-1' },
    });
    // While dragging, the preview shows the rectangle so far.
    expect(gesturePreview(states.at(-1)!, 'user-1').shape).toMatchObject({ x: 120, y: 90, w: 180, h: 160 });
  });

  it('draws nothing for a click, even with a tiny jitter', () => {
    expect(gesture(context('rectangle'), at(50, 50), [at(51, 51)], at(51, 50)).commands).toEqual([]);
  });

  it('shows no preview before the pointer has moved past the threshold', () => {
    const step = pointerDown(context('rectangle'), at(50, 50));
    expect(gesturePreview(step.gesture, 'user-1').shape).toBeNull();
  });
});

describe('pen tool', () => {
  it('adds one stroke with points relative to its bounding box', () => {
    const { commands } = gesture(context('pen'), at(50, 60, 0.2), [at(70, 40, 0.6)], at(90, 80, 0.8));
    expect(commands).toHaveLength(1);
    const command = commands[0]!;
    if (command.type !== 'add' || command.shape.type !== 'pen') throw new Error('expected a pen stroke');
    expect(command.shape).toMatchObject({ x: 50, y: 40, w: 40, h: 40, createdBy: 'user-1' });
    expect(command.shape.points).toEqual([0, 20, 0.2, 20, 0, 0.6, 40, 40, 0.8]);
  });

  it('leaves a dot for a tap', () => {
    const { commands } = gesture(context('pen'), at(10, 10), [], at(10, 10));
    expect(commands).toMatchObject([{ type: 'add', shape: { type: 'pen', x: 10, y: 10, w: 0, h: 0, points: [0, 0, 0.5] } }]);
  });
});

describe('select tool', () => {
  it('selects the shape under the pointer on a click, without moving it', () => {
    expect(gesture(context('select'), at(150, 120), [], at(150, 120)).commands).toEqual([{ type: 'select', ids: ['r1'] }]);
  });

  it('clears the selection on a click on empty space', () => {
    expect(gesture(context('select', ['r1']), at(900, 900), [], at(900, 900)).commands).toEqual([{ type: 'select', ids: [] }]);
    expect(gesture(context('select'), at(900, 900), [], at(900, 900)).commands).toEqual([]);
  });

  it('selects and moves the hit shape with one move command at the end', () => {
    const { commands, states } = gesture(context('select'), at(150, 120), path({ x: 150, y: 120 }, { x: 180, y: 160 }, 4), at(190, 170));
    expect(commands).toEqual([
      { type: 'select', ids: ['r1'] },
      { type: 'move', ids: ['r1'], dx: 40, dy: 50 },
    ]);
    expect(gesturePreview(states.at(-1)!, 'user-1').move).toEqual({ ids: ['r1'], dx: 30, dy: 40 });
  });

  it('drags the whole selection when one of its shapes is grabbed', () => {
    const { commands } = gesture(context('select', ['r1', 'r2']), at(450, 120), [at(460, 120)], at(470, 130));
    expect(commands).toEqual([{ type: 'move', ids: ['r1', 'r2'], dx: 20, dy: 10 }]);
  });

  it('narrows a multiple selection to the clicked shape on a click', () => {
    const { commands } = gesture(context('select', ['r1', 'r2']), at(450, 120), [], at(450, 120));
    expect(commands).toEqual([{ type: 'select', ids: ['r2'] }]);
  });

  it('toggles a shape in the selection with Shift', () => {
    const shift = (sample: PointerSample) => ({ ...sample, shift: true });
    expect(gesture(context('select', ['r1']), shift(at(450, 120)), [], shift(at(450, 120))).commands).toEqual([
      { type: 'select', ids: ['r1', 'r2'] },
    ]);
    expect(gesture(context('select', ['r1', 'r2']), shift(at(450, 120)), [], shift(at(450, 120))).commands).toEqual([
      { type: 'select', ids: ['r1'] },
    ]);
  });

  it('uses thresholds in screen pixels', () => {
    const zoomedIn = { ...context('rectangle'), zoom: 4 };
    expect(gesture(zoomedIn, at(0, 0), [], at(1, 0)).commands).toHaveLength(1);
    expect(gesture(context('rectangle'), at(0, 0), [], at(1, 0)).commands).toHaveLength(0);
  });
});
