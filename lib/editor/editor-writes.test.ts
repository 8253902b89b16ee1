import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addShapes, getShapesMap, newShapeId, readShapes } from '../board/doc';
import { restoreShapes } from '../history/restore';
import { Editor } from './editor';
import { at } from './test/support';

function setup() {
  const doc = new Y.Doc();
  const editor = new Editor({ doc, userId: 'me' });
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  return { doc, editor, updates };
}

const rect = (x: number) => ({ id: newShapeId(), type: 'rectangle' as const, x, y: 0, w: 10, h: 10 });

describe('the Editor write path', () => {
  it('makes a change one update and one undo step, and selects what it names with the Select tool', () => {
    const { doc, editor, updates } = setup();
    editor.setTool('pen');
    const added = editor.change((d) => addShapes(d, [rect(0), rect(20)]), { select: (shapes) => shapes.map((shape) => shape.id) });
    expect(updates).toHaveLength(1);
    expect(editor.getState()).toMatchObject({ tool: 'select', selection: added!.map((shape) => shape.id), canUndo: true });
    editor.undo();
    expect(getShapesMap(doc).size).toBe(0);
  });

  it('restores a version as one step that Undo reverts', () => {
    const { doc, editor } = setup();
    const kept = editor.addShapes([rect(0)]);
    const version = readShapes(doc).shapes;
    editor.addShapes([rect(50), rect(100)]);
    const plan = editor.change((d) => restoreShapes(d, version));
    expect(plan?.remove).toHaveLength(2);
    expect(editor.shapes.map((shape) => shape.id)).toEqual([kept[0]!.id]);
    editor.undo();
    expect(editor.shapes).toHaveLength(3);
  });

  it('adds shapes without selecting them when told (a tool that stays active)', () => {
    const { editor } = setup();
    editor.setTool('rectangle');
    editor.addShapes([rect(0)], { select: false });
    expect(editor.getState()).toMatchObject({ tool: 'rectangle', selection: [] });
  });

  it('knows the middle of the view and the board point under a window position', () => {
    const { editor } = setup();
    editor.camera.setScreenSize(800, 600, { x: 100, y: 50 });
    editor.setViewport({ x: 1000, y: 2000, zoom: 2 });
    expect(editor.viewCenter()).toEqual({ x: 1200, y: 2150 });
    expect(editor.camera.clientToBoard(100, 50)).toEqual({ x: 1000, y: 2000 });
    expect(editor.camera.clientToBoard(300, 250)).toEqual({ x: 1100, y: 2100 });
  });
});

describe('a read-only editor', () => {
  it('writes nothing, offers only the tools that look, and selects without moving', () => {
    const { doc, editor, updates } = setup();
    const [shape] = editor.addShapes([rect(0)]);
    editor.setTool('rectangle');
    editor.setReadOnly(true);
    const before = updates.length;
    expect(editor.getState()).toMatchObject({ readOnly: true, tool: 'select' });

    expect(editor.change((d) => addShapes(d, [rect(50)]))).toBeNull();
    expect(editor.addShapes([rect(50)])).toEqual([]);
    editor.setTool('pen');
    expect(editor.getState().tool).toBe('select');
    editor.setTool('hand');
    expect(editor.getState().tool).toBe('hand');
    editor.setTool('select');

    editor.pointerDown(at(5, 5));
    editor.pointerMove(at(100, 100));
    // No drag is shown that would snap back: the press only selected.
    expect(editor.overlay().transformed).toEqual([]);
    expect(editor.livePreview()).toEqual({ shape: null, move: null });
    editor.pointerUp(at(100, 100));
    expect(editor.getState().selection).toEqual([shape!.id]);
    editor.deleteSelection();
    editor.nudge(10, 0);
    editor.paste('hello');
    editor.undo();
    editor.doubleClick({ x: 500, y: 500 });
    expect(editor.getState().editing).toBeNull();
    expect(updates).toHaveLength(before);
    expect(readShapes(doc).shapes).toEqual([shape]);

    editor.setReadOnly(false);
    editor.nudge(10, 0);
    expect(editor.shapes[0]).toMatchObject({ x: 10 });
  });

  it('keeps the text being typed when it becomes read-only', () => {
    const { editor } = setup();
    editor.doubleClick({ x: 0, y: 0 });
    editor.setEditingText('typed before');
    editor.setReadOnly(true);
    expect(editor.shapes).toMatchObject([{ type: 'text', text: 'typed before' }]);
  });
});
