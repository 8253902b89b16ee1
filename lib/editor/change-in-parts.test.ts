import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { getShapesMap } from '../board/doc';
import { addImportPart, planImport } from '../io/import';
import { Editor } from './editor';

describe('a change in parts (a large import)', () => {
  it('writes each part in its own transaction and undoes them all in one step', async () => {
    const doc = new Y.Doc();
    const editor = new Editor({ doc, userId: 'me' });
    const shapes = Array.from({ length: 5_000 }, (_, i) => ({ id: `r${i}`, type: 'rectangle' as const, x: i, y: 0, w: 1, h: 1, z: 'a0', rotation: 0, stroke: '#000000', fill: 'none', strokeWidth: 1, opacity: 1, strokeStyle: 'solid' as const }));
    const parts = planImport(doc, shapes, { center: { x: 0, y: 0 } });
    expect(parts.length).toBeGreaterThan(1);
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    const pauses: number[] = [];
    const results = await editor.changeInParts(
      parts.map((part) => (d) => addImportPart(d, part)),
      { pause: async (done) => void pauses.push(done) },
    );
    expect(results.every((result) => result.ok)).toBe(true);
    expect(transactions).toBe(parts.length);
    expect(pauses).toEqual(parts.slice(1).map((_, i) => i + 1));
    expect(getShapesMap(doc).size).toBe(5_000);
    editor.undo();
    expect(getShapesMap(doc).size).toBe(0);
    editor.destroy();
  });
});
