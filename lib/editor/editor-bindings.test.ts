import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readShapes } from '../board/doc';
import type { ShapeOf } from '../board/schema';
import { Editor } from './editor';
import { at } from './test/support';

function click(editor: Editor, x: number, y: number): void {
  editor.pointerDown(at(x, y));
  editor.pointerUp(at(x, y));
}

function boardWithTwoBoxes() {
  const doc = new Y.Doc();
  const editor = new Editor({ doc, userId: 'me' });
  for (const [x1, x2] of [[0, 100], [300, 400]] as const) {
    editor.setTool('rectangle');
    editor.pointerDown(at(x1, 0));
    editor.pointerMove(at(x1 + 50, 50));
    editor.pointerUp(at(x2, 100));
  }
  const [left, right] = readShapes(doc).shapes;
  return { doc, editor, left: left!, right: right! };
}

describe('Editor: connectors', () => {
  it('lights up the shape under the end of an arrow being drawn, binds on release, and one Undo removes the arrow', () => {
    const { doc, editor, left, right } = boardWithTwoBoxes();
    editor.setTool('arrow');
    editor.pointerDown(at(50, 50));
    editor.pointerMove(at(200, 50));
    expect(editor.overlay().bindTargets.map((shape) => shape.id)).toEqual([left.id]);
    editor.pointerMove(at(350, 50));
    expect(editor.overlay().bindTargets.map((shape) => shape.id)).toEqual([left.id, right.id]);
    editor.pointerUp(at(350, 50));
    expect(editor.overlay().bindTargets).toEqual([]);
    const arrow = readShapes(doc).shapes[2]!;
    expect(arrow).toMatchObject({ type: 'arrow', startBinding: left.id, endBinding: right.id, x: 100, w: 200 });
    editor.undo();
    expect(readShapes(doc).shapes).toHaveLength(2);
  });

  it('moves a bound end with its shape in the same undo step, and unbinds it when the shape is deleted', () => {
    const { doc, editor, right } = boardWithTwoBoxes();
    editor.setTool('arrow');
    editor.pointerDown(at(50, 50));
    editor.pointerUp(at(350, 50));
    editor.setTool('select');
    editor.pointerDown(at(350, 20));
    editor.pointerMove(at(400, 20));
    editor.pointerUp(at(450, 20));
    const moved = readShapes(doc).shapes.find((shape) => shape.type === 'arrow')!;
    expect(moved).toMatchObject({ x: 100, w: 300 });
    editor.undo();
    expect(readShapes(doc).shapes.find((shape) => shape.type === 'arrow')).toMatchObject({ x: 100, w: 200 });
    editor.select([right.id]);
    editor.deleteSelection();
    expect(readShapes(doc).shapes.find((shape) => shape.type === 'arrow')).toMatchObject({ endBinding: '' });
  });

  it("binds an end dragged by its handle onto a shape, and unbinds it when dragged off; the other end keeps its binding", () => {
    const { doc, editor, left, right } = boardWithTwoBoxes();
    editor.setTool('arrow');
    editor.pointerDown(at(50, 50));
    editor.pointerUp(at(200, 50));
    const arrow = () => readShapes(doc).shapes.find((shape) => shape.type === 'arrow')!;
    expect(arrow()).toMatchObject({ startBinding: left.id });
    expect(arrow()).not.toHaveProperty('endBinding');
    editor.setTool('select');
    click(editor, 150, 50);
    // The end's handle, dragged into the right box.
    editor.pointerDown(at(200, 50));
    editor.pointerMove(at(300, 50));
    editor.pointerUp(at(350, 50));
    expect(arrow()).toMatchObject({ startBinding: left.id, endBinding: right.id, x: 100, w: 200 });
    // Dragged off again, onto the empty board.
    editor.pointerDown(at(300, 50));
    editor.pointerMove(at(250, 150));
    editor.pointerUp(at(200, 200));
    expect(arrow()).toMatchObject({ startBinding: left.id, endBinding: '' });
  });

  it('moves a bound arrow with its box while the box is dragged: on this screen, and in the preview others get', () => {
    const { doc, editor, right } = boardWithTwoBoxes();
    editor.setTool('arrow');
    editor.pointerDown(at(50, 50));
    editor.pointerUp(at(350, 50));
    const arrow = readShapes(doc).shapes[2]!;
    editor.setTool('select');
    editor.pointerDown(at(350, 20));
    editor.pointerMove(at(350, 220));
    // The box is 200 lower: the arrow's end follows it before the drop, and is not painted where it was.
    const followed = editor.overlay().transformed.find((shape) => shape.id === arrow.id) as ShapeOf<'arrow'>;
    // Centres (50, 50) and (350, 250): the arrow runs between the boxes' outlines on that line.
    const geometry = { x: 100, y: 50 + 100 / 3, w: 200, h: 400 / 3 };
    for (const key of ['x', 'y', 'w', 'h'] as const) expect(followed[key]).toBeCloseTo(geometry[key]);
    expect(editor.hiddenIds.has(arrow.id)).toBe(true);
    const live = editor.livePreview();
    expect(live.edits?.map((edit) => edit.id).sort()).toEqual([arrow.id, right.id].sort());
    expect(live.edits?.find((edit) => edit.id === arrow.id)).toEqual({ id: arrow.id, x: followed.x, y: followed.y, w: followed.w, h: followed.h, rotation: 0, points: followed.points });
    editor.pointerUp(at(350, 220));
    const stored = readShapes(doc).shapes.find((shape) => shape.id === arrow.id)!;
    for (const key of ['x', 'y', 'w', 'h'] as const) expect(stored[key]).toBeCloseTo(geometry[key]);
  });
});

