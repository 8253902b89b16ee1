/** Helpers shared by the editor's unit tests. */
import * as Y from 'yjs';
import { addShapes, readShapes } from '../../board/doc';
import { type Shape, shapeSchema } from '../../board/schema';
import { Editor } from '../editor';
import { boxesIntersect } from '../../geometry/box';
import { shapeVisualBounds } from '../../geometry/shape-bounds';
import type { EditorCommand, Gesture, GestureContext, PointerSample } from '../gesture';
import { pointerDown, pointerMove, pointerUp } from '../gesture';
import { withGroupMembers } from '../groups';
import { unlocked } from '../lock';
import { DEFAULT_STYLE } from '../style';
import type { ToolId } from '../tools';

export const at = (x: number, y: number, pressure = 0.5): PointerSample => ({ point: { x, y }, pressure, shift: false });
export const shifted = (sample: PointerSample): PointerSample => ({ ...sample, shift: true });

export function shape(input: Record<string, unknown>): Shape {
  return shapeSchema.parse({ z: 'a0', x: 0, y: 0, w: 100, h: 100, ...input });
}

export function context(tool: ToolId, shapes: Shape[], selection: string[] = [], extra: Partial<GestureContext> = {}): GestureContext {
  return {
    tool,
    selection,
    getShape: (id) => shapes.find((s) => s.id === id),
    shapesIn: (box) => shapes.filter((s) => boxesIntersect(shapeVisualBounds(s), box)),
    withGroups: (ids) => withGroupMembers(ids, unlocked(shapes)),
    userId: 'user-1',
    zoom: 1,
    style: DEFAULT_STYLE,
    grid: null,
    ...extra,
  };
}

/** Runs a press, moves and a release; returns every command and the gesture after each step. */
export function runGesture(ctx: GestureContext, down: PointerSample, moves: PointerSample[], up: PointerSample) {
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

export const path = (from: { x: number; y: number }, to: { x: number; y: number }, steps: number) =>
  Array.from({ length: steps }, (_, i) => at(from.x + ((to.x - from.x) * (i + 1)) / steps, from.y + ((to.y - from.y) * (i + 1)) / steps));

/** An editor on a new board of filled 100 x 100 boxes at y 0, one per id at its x; `byId` reads a shape back. */
export function editorWithBoxes(xs: Record<string, number>) {
  const doc = new Y.Doc();
  const editor = new Editor({ doc, userId: 'me' });
  addShapes(doc, Object.entries(xs).map(([id, x]) => ({ id, type: 'rectangle', x, y: 0, w: 100, h: 100, fill: '#ffffff' })));
  const byId = (id: string) => readShapes(doc).shapes.find((shape) => shape.id === id);
  return { doc, editor, byId };
}
