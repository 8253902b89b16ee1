import { describe, expect, it } from 'vitest';
import { at, context, editorWithBoxes, runGesture, shape } from './test/support';

const locked = shape({ id: 'l', type: 'rectangle', x: 100, y: 100, w: 100, h: 50, z: 'a1', locked: true, fill: '#ffffff' });
const below = shape({ id: 'b', type: 'rectangle', x: 100, y: 100, w: 100, h: 50, z: 'a0', fill: '#ffffff' });
const free = shape({ id: 'f', type: 'rectangle', x: 400, y: 100, w: 100, h: 50, z: 'a2' });

describe('hit testing and selection with locked shapes', () => {
  it('a click on a locked shape does not select it, and reaches the unlocked shape beneath', () => {
    expect(runGesture(context('select', [locked]), at(150, 120), [], at(150, 120)).commands).toEqual([]);
    expect(runGesture(context('select', [below, locked]), at(150, 120), [], at(150, 120)).commands).toEqual([{ type: 'select', ids: ['b'] }]);
  });

  it('a drag on a locked shape draws a marquee and moves nothing', () => {
    const { commands } = runGesture(context('select', [locked, free]), at(150, 120), [at(170, 130)], at(180, 140));
    expect(commands.every((command) => command.type === 'select')).toBe(true);
  });

  it('a marquee leaves locked shapes out', () => {
    const { commands } = runGesture(context('select', [locked, free]), at(50, 50), [at(600, 300)], at(600, 300));
    expect(commands.at(-1)).toEqual({ type: 'select', ids: ['f'] });
  });

  it('a selected locked shape has no handles and is left behind when the rest of the selection moves', () => {
    const { commands } = runGesture(context('select', [locked, free], ['l', 'f']), at(450, 120), [at(470, 120)], at(500, 120));
    expect(commands).toEqual([{ type: 'update', patches: new Map([['f', { x: 450, y: 100 }]]) }]);
  });

  it('the eraser passes over locked shapes', () => {
    expect(runGesture(context('eraser', [locked, free]), at(100, 125), [at(500, 125)], at(500, 125)).commands).toEqual([{ type: 'delete', ids: ['f'] }]);
  });
});

describe('Editor: locking', () => {
  const board = () => editorWithBoxes({ a: 0, c: 300 });

  it('locks and unlocks the selection, each one undo step, and says so in its state', () => {
    const { editor, byId } = board();
    editor.select(['a']);
    editor.toggleLock();
    expect(byId('a')?.locked).toBe(true);
    expect(editor.getState()).toMatchObject({ selection: ['a'], selectionLocked: true });
    editor.toggleLock();
    expect(byId('a')?.locked).toBe(false);
    expect(editor.getState().selectionLocked).toBe(false);
    editor.undo();
    expect(byId('a')?.locked).toBe(true);
    expect(editor.getState().selectionLocked).toBe(true);
  });

  it('leaves a locked shape out of select-all, nudges, alignment and Delete', () => {
    const { editor, byId } = board();
    editor.select(['a']);
    editor.toggleLock();
    editor.selectAll();
    expect(editor.getState().selection).toEqual(['c']);
    editor.select(['a', 'c']);
    editor.nudge(10, 0);
    editor.align('top');
    editor.deleteSelection();
    expect(byId('a')).toMatchObject({ x: 0, y: 0 });
    expect(byId('c')).toBeUndefined();
  });

  it('a double-click selects a locked shape, so that it can be unlocked; hovering it shows the lock', () => {
    const { editor, byId } = board();
    editor.select(['a']);
    editor.toggleLock();
    editor.select([]);
    editor.pointerDown(at(50, 50));
    editor.pointerMove(at(80, 80));
    editor.pointerUp(at(80, 80));
    expect(byId('a')).toMatchObject({ x: 0, y: 0 });
    expect(editor.getState().selection).toEqual([]);
    editor.doubleClick({ x: 50, y: 50 });
    expect(editor.getState().selection).toEqual(['a']);
    expect(editor.overlay().handles).toBeNull();
    editor.hover({ x: 50, y: 50 });
    expect(editor.overlay().lockedHover?.id).toBe('a');
    editor.hover({ x: 350, y: 50 });
    expect(editor.overlay().lockedHover).toBeNull();
  });
});
