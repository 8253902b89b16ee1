import { describe, expect, it } from 'vitest';
import { readShapes } from '../board/doc';
import { remapGroups } from '../board/group-ids';
import { withGroupMembers } from './groups';
import { at, context, editorWithBoxes, runGesture, shape, shifted } from './test/support';

const g1 = shape({ id: 'g1', type: 'rectangle', x: 0, y: 0, w: 100, h: 100, z: 'a0', fill: '#ffffff', groupId: 'G' });
const g2 = shape({ id: 'g2', type: 'rectangle', x: 200, y: 0, w: 100, h: 100, z: 'a1', fill: '#ffffff', groupId: 'G' });
const lone = shape({ id: 'lone', type: 'rectangle', x: 400, y: 0, w: 100, h: 100, z: 'a2', fill: '#ffffff' });
const board = [g1, g2, lone];

describe('group selection', () => {
  it('adds the other shapes of each group', () => {
    expect(withGroupMembers(['g2'], board)).toEqual(['g2', 'g1']);
    expect(withGroupMembers(['lone'], board)).toEqual(['lone']);
  });

  it('a click on a shape of a group selects the whole group, and a drag moves it', () => {
    expect(runGesture(context('select', board), at(50, 50), [], at(50, 50)).commands).toEqual([{ type: 'select', ids: ['g1', 'g2'] }]);
    const { commands } = runGesture(context('select', board), at(50, 50), [at(60, 50)], at(70, 50));
    expect(commands.at(-1)).toEqual({ type: 'update', patches: new Map([['g1', { x: 20, y: 0 }], ['g2', { x: 220, y: 0 }]]) });
  });

  it('Shift-click adds and removes a whole group', () => {
    expect(runGesture(context('select', board, ['lone']), shifted(at(250, 50)), [], shifted(at(250, 50))).commands).toEqual([
      { type: 'select', ids: ['lone', 'g2', 'g1'] },
    ]);
    expect(runGesture(context('select', board, ['lone', 'g1', 'g2']), shifted(at(50, 50)), [], shifted(at(50, 50))).commands).toEqual([
      { type: 'select', ids: ['lone'] },
    ]);
  });

  it('a click in a larger selection narrows it to the group', () => {
    expect(runGesture(context('select', board, ['g1', 'g2', 'lone']), at(50, 50), [], at(50, 50)).commands).toEqual([{ type: 'select', ids: ['g1', 'g2'] }]);
  });

  it('a marquee around one shape of a group takes the group', () => {
    const { commands } = runGesture(context('select', board), at(-10, -10), [at(110, 110)], at(110, 110));
    expect(commands.at(-1)).toEqual({ type: 'select', ids: ['g1', 'g2'] });
  });

  it('copies of a group form their own group; a shape copied alone is ungrouped', () => {
    let n = 0;
    const newId = () => `new${++n}`;
    expect(remapGroups([{ groupId: 'G' }, { groupId: 'G' }, { groupId: 'H' }, {}], newId)).toEqual([{ groupId: 'new1' }, { groupId: 'new1' }, { groupId: '' }, {}]);
  });
});

describe('Editor: groups', () => {
  const editorWith = () => editorWithBoxes({ a: 0, b: 200, c: 400 });

  it('groups and ungroups the selection, each one undo step; a click then selects the group', () => {
    const { editor, byId } = editorWith();
    editor.select(['a', 'b']);
    editor.group();
    const groupId = byId('a')?.groupId;
    expect(groupId).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(byId('b')?.groupId).toBe(groupId);
    expect(byId('c')?.groupId).toBeUndefined();
    expect(editor.getState().selectionGrouped).toBe(true);
    editor.select([]);
    editor.pointerDown(at(250, 50));
    editor.pointerUp(at(250, 50));
    expect(editor.getState().selection).toEqual(['b', 'a']);
    editor.ungroup();
    expect(byId('a')?.groupId).toBe('');
    expect(editor.getState().selectionGrouped).toBe(false);
    editor.undo();
    expect(byId('a')?.groupId).toBe(groupId);
  });

  it('a double-click enters the group: one of its shapes alone is selected and moved', () => {
    const { editor, byId } = editorWith();
    editor.select(['a', 'b']);
    editor.group();
    editor.select([]);
    editor.doubleClick({ x: 50, y: 50 });
    expect(editor.getState().selection).toEqual(['a']);
    editor.pointerDown(at(50, 50));
    editor.pointerMove(at(60, 60));
    editor.pointerUp(at(70, 50));
    expect(byId('a')).toMatchObject({ x: 20, y: 0 });
    expect(byId('b')).toMatchObject({ x: 200, y: 0 });
  });

  it('duplicating a group makes a new group of the copies', () => {
    const { editor, doc, byId } = editorWith();
    editor.select(['a', 'b']);
    editor.group();
    editor.duplicateSelection();
    const copies = readShapes(doc).shapes.slice(3);
    expect(copies).toHaveLength(2);
    expect(copies[0]!.groupId).toBe(copies[1]!.groupId);
    expect(copies[0]!.groupId).not.toBe(byId('a')?.groupId);
  });
});
