import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { addShape, getShapesMap, readShapes } from '../board/doc';
import { Editor } from './editor';
import { at, shifted } from './test/support';
import { translate } from '../i18n';

const REMOTE = 'remote peer';

function setup() {
  const doc = new Y.Doc();
  let clock = 1000;
  const editor = new Editor({ doc, userId: 'me', now: () => clock });
  let updates = 0;
  doc.on('update', () => updates++);
  return { doc, editor, updates: () => updates, tick: (ms: number) => (clock += ms) };
}

function drawRectangle(editor: Editor, from: [number, number], to: [number, number]): void {
  editor.setTool('rectangle');
  editor.pointerDown(at(...from));
  editor.pointerMove(at((from[0] + to[0]) / 2, (from[1] + to[1]) / 2));
  editor.pointerUp(at(...to));
}

function click(editor: Editor, x: number, y: number, shift = false): void {
  const sample = shift ? shifted(at(x, y)) : at(x, y);
  editor.pointerDown(sample);
  editor.pointerUp(sample);
}

afterEach(() => vi.restoreAllMocks());

describe('Editor', () => {
  it('starts with the Select tool and nothing to undo', () => {
    const { editor } = setup();
    expect(editor.getState()).toMatchObject({ tool: 'select', selection: [], canUndo: false, canRedo: false, grid: false, editing: null });
  });

  it('commits a drawn rectangle as one document update and keeps the tool', () => {
    const { doc, editor, updates } = setup();
    drawRectangle(editor, [10, 20], [110, 70]);
    expect(updates()).toBe(1);
    expect(readShapes(doc).shapes).toMatchObject([{ type: 'rectangle', x: 10, y: 20, w: 100, h: 50, createdBy: 'me' }]);
    expect(editor.getState()).toMatchObject({ tool: 'rectangle', canUndo: true });
  });

  it('shows the gesture on the overlay until it commits, and exposes it for others to see', () => {
    const { editor } = setup();
    editor.setTool('pen');
    editor.pointerDown(at(0, 0));
    editor.pointerMove(at(30, 40));
    expect(editor.overlay().preview).toMatchObject({ type: 'pen', w: 30, h: 40 });
    expect(editor.previewShape()).toMatchObject({ type: 'pen' });
    editor.pointerUp(at(30, 40));
    expect(editor.overlay().preview).toBeNull();
    expect(editor.shapes).toHaveLength(1);
  });

  it('moves with one update at the end and hides the moving shape from the static layer meanwhile', () => {
    const { doc, editor, updates } = setup();
    drawRectangle(editor, [10, 10], [110, 110]);
    const id = editor.shapes[0]!.id;
    editor.setTool('select');
    editor.pointerDown(at(10, 50));
    editor.pointerMove(at(20, 70));
    editor.pointerMove(at(40, 90));
    expect(editor.hiddenIds.has(id)).toBe(true);
    expect(editor.overlay().transformed).toMatchObject([{ id, x: 40, y: 50 }]);
    expect(updates()).toBe(1);
    editor.pointerUp(at(40, 90));
    expect(updates()).toBe(2);
    expect(editor.hiddenIds.size).toBe(0);
    expect(readShapes(doc).shapes[0]).toMatchObject({ x: 40, y: 50 });
    expect(editor.getState().selection).toEqual([id]);
  });

  it('deletes the selection, and undo and redo step through whole gestures', () => {
    const { editor } = setup();
    drawRectangle(editor, [10, 10], [110, 110]);
    editor.setTool('select');
    editor.pointerDown(at(10, 50));
    editor.pointerMove(at(60, 50));
    editor.pointerMove(at(110, 50));
    editor.pointerUp(at(110, 50));
    editor.deleteSelection();
    expect(editor.shapes).toHaveLength(0);

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

  it('undoes a resize and a rotation as one step each', () => {
    const { editor } = setup();
    drawRectangle(editor, [0, 0], [100, 100]);
    editor.setTool('select');
    click(editor, 0, 50);
    editor.pointerDown(at(100, 100));
    for (let i = 1; i <= 5; i++) editor.pointerMove(at(100 + i * 20, 100 + i * 20));
    editor.pointerUp(at(200, 200));
    expect(editor.shapes[0]).toMatchObject({ w: 200, h: 200 });
    editor.pointerDown(at(100, -24));
    editor.pointerMove(at(150, 0));
    editor.pointerUp(at(300, 100));
    expect(editor.shapes[0]!.rotation).toBeCloseTo(Math.PI / 2);
    editor.undo();
    expect(editor.shapes[0]).toMatchObject({ rotation: 0, w: 200 });
    editor.undo();
    expect(editor.shapes[0]).toMatchObject({ w: 100, h: 100 });
  });

  it("never undoes someone else's edits, and keeps their change to the same shape", () => {
    const { doc, editor } = setup();
    addShape(doc, { id: 'theirs', type: 'rectangle', x: 0, y: 0, w: 10, h: 10 }, REMOTE);
    drawRectangle(editor, [100, 100], [200, 200]);
    const mine = editor.shapes.find((shape) => shape.id !== 'theirs')!.id;
    editor.setTool('select');
    click(editor, 100, 150);
    editor.nudge(10, 0);
    // Someone recolours my shape after I moved it; my undo takes back the move, not their colour.
    doc.transact(() => getShapesMap(doc).get(mine)!.set('stroke', '#e03131'), REMOTE);
    editor.undo();
    expect(editor.index.get(mine)).toMatchObject({ x: 100, stroke: '#e03131' });
    editor.undo();
    expect(editor.shapes.map((shape) => shape.id)).toEqual(['theirs']);
    editor.undo();
    expect(editor.shapes.map((shape) => shape.id)).toEqual(['theirs']);
  });

  it('drops shapes that someone else deleted from the selection', () => {
    const { doc, editor } = setup();
    addShape(doc, { id: 'theirs', type: 'rectangle', x: 0, y: 0, w: 10, h: 10, fill: '#ffffff' }, REMOTE);
    click(editor, 5, 5);
    expect(editor.getState().selection).toEqual(['theirs']);
    doc.transact(() => getShapesMap(doc).delete('theirs'), REMOTE);
    expect(editor.getState().selection).toEqual([]);
  });

  it('follows remote property changes and skips shapes that do not parse, with a warning', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { doc, editor } = setup();
    addShape(doc, { id: 'theirs', type: 'rectangle', x: 0, y: 0, w: 10, h: 10 }, REMOTE);
    addShape(doc, { id: 'other', type: 'ellipse', x: 50, y: 0, w: 10, h: 10 }, REMOTE);
    const first = editor.index.get('theirs');
    doc.transact(() => getShapesMap(doc).get('theirs')!.set('x', 42), REMOTE);
    expect(editor.index.get('theirs')).toMatchObject({ x: 42 });
    expect(editor.index.get('theirs')).not.toBe(first);
    doc.transact(() => getShapesMap(doc).get('theirs')!.set('w', -1), REMOTE);
    expect(editor.shapes.map((shape) => shape.id)).toEqual(['other']);
    expect(warn).toHaveBeenCalledTimes(1);
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

describe('selection commands', () => {
  it('selects all, duplicates as one step and selects the copies', () => {
    const { editor } = setup();
    drawRectangle(editor, [0, 0], [10, 10]);
    drawRectangle(editor, [20, 0], [30, 10]);
    editor.selectAll();
    expect(editor.getState()).toMatchObject({ tool: 'select', selection: editor.shapes.map((shape) => shape.id) });
    editor.duplicateSelection();
    expect(editor.shapes).toHaveLength(4);
    expect(editor.selectedShapes()).toMatchObject([{ x: 16, y: 16 }, { x: 36, y: 16 }]);
    editor.undo();
    expect(editor.shapes).toHaveLength(2);
  });

  it('nudges the selection', () => {
    const { editor } = setup();
    drawRectangle(editor, [0, 0], [10, 10]);
    editor.selectAll();
    editor.nudge(10, -1);
    expect(editor.shapes[0]).toMatchObject({ x: 10, y: -1 });
  });

  it('reorders the selection', () => {
    const { editor } = setup();
    drawRectangle(editor, [0, 0], [10, 10]);
    drawRectangle(editor, [5, 5], [15, 15]);
    const [bottom, top] = editor.shapes.map((shape) => shape.id);
    editor.setTool('select');
    editor.select([bottom!]);
    editor.reorder('front');
    expect(editor.shapes.map((shape) => shape.id)).toEqual([top, bottom]);
  });

  it('copies and pastes shapes with new ids at the pointer, selected', () => {
    const { editor } = setup();
    drawRectangle(editor, [0, 0], [100, 100]);
    editor.selectAll();
    const text = editor.copySelection()!;
    expect(JSON.parse(text)).toMatchObject({ format: 'tabula', version: 1, shapes: [{ type: 'rectangle' }] });

    const other = setup().editor;
    other.hover({ x: 500, y: 500 });
    other.paste(text);
    expect(other.shapes).toMatchObject([{ type: 'rectangle', w: 100, h: 100 }]);
    expect(other.shapes[0]!.x).toBeCloseTo(450);
    expect(other.shapes[0]!.id).not.toBe(editor.shapes[0]!.id);
    expect(other.getState().selection).toEqual([other.shapes[0]!.id]);
  });

  it('cuts: copies and deletes', () => {
    const { editor } = setup();
    drawRectangle(editor, [0, 0], [100, 100]);
    editor.selectAll();
    expect(editor.cutSelection()).toContain('"rectangle"');
    expect(editor.shapes).toHaveLength(0);
  });

  it('pastes plain text as a text shape', () => {
    const { editor } = setup();
    editor.paste('hello\nworld');
    expect(editor.shapes).toMatchObject([{ type: 'text', text: 'hello\nworld' }]);
  });

  it('skips invalid pasted shapes with a warning and caps an enormous paste with a message', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { editor } = setup();
    const shapes = Array.from({ length: 6000 }, (_, i) => ({ id: `s${i}`, type: 'rectangle', x: i, y: 0, w: 5, h: 5, z: 'a0' }));
    shapes[0] = { ...shapes[0]!, w: -5 };
    editor.paste(JSON.stringify({ format: 'tabula', version: 1, shapes }));
    expect(editor.shapes).toHaveLength(5000);
    expect(editor.notices.getNotices().map((notice) => `${notice.kind}: ${translate('en', notice.text)}`)).toEqual([expect.stringMatching(/^info: Pasted 5,000 of 5,999 shapes.*Skipped 1 invalid shape/)]);
    expect(console.warn).toHaveBeenCalled();
  }, 30_000);
});

describe('style', () => {
  it('sets the style of the next shape and of the selection, as one step', () => {
    const { editor } = setup();
    drawRectangle(editor, [0, 0], [10, 10]);
    editor.selectAll();
    editor.setStyle({ stroke: '#1971c2', fillMode: 'solid' });
    expect(editor.shapes[0]).toMatchObject({ stroke: '#1971c2', fill: '#c6dcf0' });
    expect(editor.panelStyle()).toMatchObject({ stroke: '#1971c2', fillMode: 'solid' });
    editor.undo();
    expect(editor.shapes[0]).toMatchObject({ stroke: '#1e1e1e', fill: 'none' });
    drawRectangle(editor, [20, 0], [30, 10]);
    expect(editor.shapes[1]).toMatchObject({ stroke: '#1971c2', fill: '#c6dcf0' });
  });
});

describe('text', () => {
  it('types a new text in place and stores it once, on commit', () => {
    const { editor, updates } = setup();
    editor.setTool('text');
    click(editor, 100, 100);
    expect(editor.getState().editing).toMatchObject({ id: null, type: 'text', x: 100 });
    editor.setEditingText('two\nlines');
    expect(updates()).toBe(0);
    editor.commitText();
    expect(editor.shapes).toMatchObject([{ type: 'text', text: 'two\nlines', x: 100, h: 50 }]);
    expect(editor.getState().editing).toBeNull();
  });

  it('commits with a press elsewhere, which does nothing else', () => {
    const { editor } = setup();
    editor.setTool('text');
    click(editor, 100, 100);
    editor.setEditingText('hi');
    click(editor, 400, 400);
    expect(editor.shapes).toHaveLength(1);
    expect(editor.getState().editing).toBeNull();
  });

  it('edits a text or note on double-click and deletes a text emptied', () => {
    const { editor } = setup();
    editor.paste('hello');
    const id = editor.shapes[0]!.id;
    const { x, y } = editor.shapes[0]!;
    editor.doubleClick({ x: x + 2, y: y + 2 });
    expect(editor.getState().editing).toMatchObject({ id, text: 'hello' });
    expect(editor.hiddenIds.has(id)).toBe(true);
    editor.commitText('');
    expect(editor.shapes).toHaveLength(0);
  });

  it('places a note with the Sticky note tool and opens it for typing', () => {
    const { editor } = setup();
    editor.setTool('sticky');
    click(editor, 300, 300);
    expect(editor.shapes).toMatchObject([{ type: 'sticky', text: '' }]);
    expect(editor.getState().editing).toMatchObject({ type: 'sticky', id: editor.shapes[0]!.id });
    editor.setEditingText('a note');
    editor.commitText('a note');
    expect(editor.shapes[0]).toMatchObject({ text: 'a note', w: 200 });
    editor.beginTextEdit(editor.shapes[0]!.id);
    editor.setEditingText('a longer note');
    editor.commitText();
    expect(editor.shapes[0]).toMatchObject({ text: 'a longer note' });
  });
});

describe('labels', () => {
  it('types a label in a box on double-click: into the board as typed, the box drawn without it meanwhile, one undo step', () => {
    const { editor } = setup();
    drawRectangle(editor, [100, 100], [300, 200]);
    const id = editor.shapes[0]!.id;
    editor.setTool('select');
    editor.doubleClick({ x: 200, y: 150 });
    expect(editor.getState().editing).toMatchObject({ id, type: 'label', textAlign: 'center', text: '' });
    editor.setEditingText('Sta');
    editor.setEditingText('Start');
    // Typed into the board's Y.Text at once (others see it); the overlay paints the box, label-less.
    expect(editor.shapes[0]).toMatchObject({ type: 'rectangle', text: 'Start' });
    expect(editor.hiddenIds.has(id)).toBe(true);
    expect(editor.overlay().transformed).toMatchObject([{ id, text: '' }]);
    editor.commitText();
    expect(editor.getState().selection).toEqual([id]);
    expect(editor.overlay().transformed).toEqual([]);
    // Emptied, the label goes and the box stays; Undo brings the typing back, then takes it all.
    editor.beginTextEdit(id);
    editor.setEditingText('');
    editor.commitText();
    expect(editor.shapes[0]).toMatchObject({ type: 'rectangle', text: '' });
    editor.undo();
    expect(editor.shapes[0]).toMatchObject({ text: 'Start' });
    editor.undo();
    expect(editor.shapes[0]?.type === 'rectangle' && editor.shapes[0].text).toBeFalsy();
  });
});

describe('laser and viewport', () => {
  it('keeps a fading laser trail out of the document', () => {
    const { editor, updates, tick } = setup();
    const changes = vi.fn();
    editor.onLaserChange(changes);
    editor.setTool('laser');
    editor.pointerDown(at(0, 0));
    editor.pointerMove(at(10, 0));
    editor.pointerUp(at(20, 0));
    expect(updates()).toBe(0);
    expect(changes).toHaveBeenCalledTimes(3);
    expect(editor.laserTrail()).toHaveLength(3);
    expect(editor.isAnimating()).toBe(true);
    tick(2000);
    expect(editor.laserTrail()).toHaveLength(0);
    expect(editor.isAnimating()).toBe(false);
  });

  it('shows other people’s lasers until they fade', () => {
    const { editor, tick } = setup();
    editor.setRemoteLaser('7', '#2f9e44', [0, 0, 100, 10, 10, 0]);
    expect(editor.overlay().lasers).toMatchObject([{ color: '#2f9e44', points: [{ x: 0 }, { x: 10 }] }]);
    tick(950);
    expect(editor.overlay().lasers[0]!.points).toHaveLength(1);
    editor.setRemoteLaser('7', '#2f9e44', null);
    expect(editor.overlay().lasers).toEqual([]);
  });

  it('has a viewport that others can set and watch', () => {
    const { editor } = setup();
    const seen = vi.fn();
    editor.subscribeViewport(seen);
    editor.setViewport({ x: 10, y: 20, zoom: 20 });
    expect(editor.viewport).toEqual({ x: 10, y: 20, zoom: 8 });
    expect(seen).toHaveBeenCalledTimes(1);
    editor.camera.setScreenSize(1000, 500);
    drawRectangle(editor, [0, 0], [100, 100]);
    editor.zoomToFit();
    expect(editor.viewport.zoom).toBeCloseTo(340 / 102, 1);
  });
});
