import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addShape, getShapesMap, readShapes } from '../board/doc';
import { Editor } from './editor';
import type { PointerSample } from './gesture';

const at = (x: number, y: number): PointerSample => ({ point: { x, y }, pressure: 0.5, shift: false });
const REMOTE = 'remote peer';

function setup() {
  const doc = new Y.Doc();
  const editor = new Editor({ doc, userId: 'me' });
  let updates = 0;
  doc.on('update', () => updates++);
  return { doc, editor, updates: () => updates };
}

function drawRectangle(editor: Editor, from: [number, number], to: [number, number]): void {
  editor.setTool('rectangle');
  editor.pointerDown(at(...from));
  editor.pointerMove(at((from[0] + to[0]) / 2, (from[1] + to[1]) / 2));
  editor.pointerUp(at(...to));
}

describe('Editor', () => {
  it('starts with the Select tool and nothing to undo', () => {
    const { editor } = setup();
    expect(editor.getState()).toEqual({ tool: 'select', selection: [], canUndo: false, canRedo: false });
  });

  it('commits a drawn rectangle as one document update and keeps the tool', () => {
    const { doc, editor, updates } = setup();
    drawRectangle(editor, [10, 20], [110, 70]);
    expect(updates()).toBe(1);
    expect(readShapes(doc).shapes).toMatchObject([{ type: 'rectangle', x: 10, y: 20, w: 100, h: 50, createdBy: 'me' }]);
    expect(editor.shapes).toHaveLength(1);
    expect(editor.getState()).toMatchObject({ tool: 'rectangle', canUndo: true });
  });

  it('shows the gesture on the overlay until it commits', () => {
    const { editor } = setup();
    editor.setTool('pen');
    editor.pointerDown(at(0, 0));
    editor.pointerMove(at(30, 40));
    expect(editor.overlay().preview).toMatchObject({ type: 'pen', w: 30, h: 40 });
    editor.pointerUp(at(30, 40));
    expect(editor.overlay().preview).toBeNull();
    expect(editor.shapes).toHaveLength(1);
  });

  it('moves with one update at the end and hides the moving shape from the static layer meanwhile', () => {
    const { doc, editor, updates } = setup();
    drawRectangle(editor, [10, 10], [110, 110]);
    const id = editor.shapes[0]!.id;
    editor.setTool('select');
    editor.pointerDown(at(50, 50));
    editor.pointerMove(at(60, 70));
    editor.pointerMove(at(80, 90));
    expect(editor.hiddenIds.has(id)).toBe(true);
    expect(editor.overlay()).toMatchObject({ moving: [{ id }], offset: { dx: 30, dy: 40 } });
    expect(updates()).toBe(1);
    editor.pointerUp(at(80, 90));
    expect(updates()).toBe(2);
    expect(editor.hiddenIds.size).toBe(0);
    expect(readShapes(doc).shapes[0]).toMatchObject({ x: 40, y: 50 });
    expect(editor.getState().selection).toEqual([id]);
  });

  it('deletes the selection, and undo and redo step through whole gestures', () => {
    const { editor } = setup();
    drawRectangle(editor, [10, 10], [110, 110]);
    editor.setTool('select');
    editor.pointerDown(at(50, 50));
    editor.pointerMove(at(150, 50));
    editor.pointerUp(at(150, 50));
    editor.deleteSelection();
    expect(editor.shapes).toHaveLength(0);
    expect(editor.getState().selection).toEqual([]);

    editor.undo();
    expect(editor.shapes).toMatchObject([{ x: 110, y: 10 }]);
    editor.undo();
    expect(editor.shapes).toMatchObject([{ x: 10, y: 10 }]);
    editor.undo();
    expect(editor.shapes).toHaveLength(0);
    expect(editor.getState()).toMatchObject({ canUndo: false, canRedo: true });
    editor.redo();
    expect(editor.shapes).toMatchObject([{ x: 10, y: 10 }]);
  });

  it("never undoes someone else's edits", () => {
    const { doc, editor } = setup();
    addShape(doc, { id: 'theirs', type: 'rectangle', x: 0, y: 0, w: 10, h: 10 }, REMOTE);
    drawRectangle(editor, [100, 100], [200, 200]);
    editor.undo();
    expect(editor.shapes.map((shape) => shape.id)).toEqual(['theirs']);
    editor.undo();
    expect(editor.shapes.map((shape) => shape.id)).toEqual(['theirs']);
  });

  it('drops shapes that someone else deleted from the selection', () => {
    const { doc, editor } = setup();
    addShape(doc, { id: 'theirs', type: 'rectangle', x: 0, y: 0, w: 10, h: 10 }, REMOTE);
    editor.pointerDown(at(5, 5));
    editor.pointerUp(at(5, 5));
    expect(editor.getState().selection).toEqual(['theirs']);
    doc.transact(() => getShapesMap(doc).delete('theirs'), REMOTE);
    expect(editor.getState().selection).toEqual([]);
  });

  it('follows remote property changes and ignores shapes that do not parse', () => {
    const { doc, editor } = setup();
    addShape(doc, { id: 'theirs', type: 'rectangle', x: 0, y: 0, w: 10, h: 10 }, REMOTE);
    const first = editor.shapes[0];
    doc.transact(() => getShapesMap(doc).get('theirs')!.set('x', 42), REMOTE);
    expect(editor.shapes[0]).toMatchObject({ x: 42 });
    expect(editor.shapes[0]).not.toBe(first);
    doc.transact(() => getShapesMap(doc).get('theirs')!.set('w', -1), REMOTE);
    expect(editor.shapes).toHaveLength(0);
  });

  it('cancels a gesture without touching the document when the tool changes', () => {
    const { editor, updates } = setup();
    editor.setTool('rectangle');
    editor.pointerDown(at(0, 0));
    editor.pointerMove(at(50, 50));
    editor.setTool('select');
    editor.pointerUp(at(60, 60));
    expect(updates()).toBe(0);
    expect(editor.overlay().preview).toBeNull();
  });

  it('reports which layers need a redraw', () => {
    const { editor } = setup();
    const changes: Array<{ shapes: boolean; overlay: boolean }> = [];
    editor.onSceneChange((change) => changes.push(change));
    editor.setTool('rectangle');
    editor.pointerDown(at(0, 0));
    editor.pointerMove(at(50, 50));
    expect(changes.every((change) => !change.shapes && change.overlay)).toBe(true);
    editor.pointerUp(at(50, 50));
    expect(changes.some((change) => change.shapes)).toBe(true);
  });
});
