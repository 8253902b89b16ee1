import { describe, expect, it } from 'vitest';
import { shapeSchema } from '../board/schema';
import type { LabelledShape } from '../board/schema';
import { editingFor, editorBox } from './text-editing';

/** Every character 10 units wide at any size. */
const measurer = { width: (text: string) => text.length * 10 };

const labelled = (input: Record<string, unknown>) => shapeSchema.parse({ id: 's', z: 'a0', x: 0, y: 0, w: 200, h: 100, ...input }) as LabelledShape;

describe('the text box of a label', () => {
  it('edits a label in a box as wide as its wrap width, centred on the label', () => {
    const editing = editingFor(labelled({ type: 'diamond', x: 100, y: 100, text: 'one two three' }))!;
    expect(editing).toMatchObject({ type: 'label', textAlign: 'center', text: 'one two three' });
    expect(editorBox(editing, measurer)).toEqual({ x: 158, y: 125, w: 84, h: 50 });
    // An empty arrow label starts as wide as a character and its room for the next one.
    const arrow = editingFor(labelled({ type: 'arrow', x: 0, y: 0, points: [0, 0, 400, 0] }))!;
    expect(editorBox(arrow, measurer)).toEqual({ x: 185, y: -12.5, w: 30, h: 25 });
  });
});
