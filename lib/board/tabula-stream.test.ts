import { describe, expect, it } from 'vitest';
import type { Shape } from './schema';
import { TabulaFileStream } from './tabula-stream';

/** Feeds `text` in pieces of `size` characters; returns the shapes handed on and the header or the error. */
function read(text: string, size = 7) {
  const shapes: Shape[] = [];
  const stream = new TabulaFileStream((shape) => shapes.push(shape));
  try {
    for (let i = 0; i < text.length; i += size) stream.write(text.slice(i, i + size));
    return { shapes, header: stream.end() };
  } catch (error) {
    return { shapes, error: (error as Error).message };
  }
}

const rect = (id: string, x: unknown = 1) => ({ id, type: 'rectangle', x, y: 2, w: 3, h: 4, z: 'a0' });
const file = (shapes: unknown, extra: object = {}) => JSON.stringify({ format: 'tabula', version: 1, title: 'T', shapes, ...extra });

describe('reading a Tabula file as it arrives', () => {
  it('hands on each shape, checked and rounded, and reads the header wherever it stands', () => {
    const { shapes, header } = read(JSON.stringify({ shapes: [rect('a', 0.1), rect('b')], version: 1, title: 'Late', format: 'tabula' }));
    expect(header).toEqual({ title: 'Late', count: 2 });
    expect(shapes.map((shape) => [shape.id, shape.x, shape.rotation])).toEqual([
      ['a', 0.125, 0],
      ['b', 1, 0],
    ]);
  });

  it('names the broken shape, its place and the reason', () => {
    const { shapes, error } = read(file([rect('a'), rect('b'), rect('c', 'left'), rect('d')]));
    expect(error).toBe('shape 3 (id "c"): Invalid input: expected number, received string at shapes.2.x');
    expect(shapes).toHaveLength(2);
  });

  it.each([
    ['an empty list', file([]), { header: { title: 'T', count: 0 } }],
    ['another format', JSON.stringify({ type: 'excalidraw', elements: [] }), { error: 'not a Tabula file (format must be "tabula") at format' }],
    ['a future version', file([], { version: 2 }), { error: 'unsupported version (this server reads version 1) at version' }],
    ['no shapes', JSON.stringify({ format: 'tabula', version: 1 }), { error: 'shapes must be a list of shapes at shapes' }],
    ['shapes as an object', file({ a: rect('a') }), { error: 'shapes must be a list of shapes at shapes' }],
    ['a top-level list', '[1, 2]', { error: 'not a Tabula file (format must be "tabula") at format' }],
    ['a title too long', file([], { title: 't'.repeat(201) }), { error: expect.stringMatching(/at title$/) }],
  ])('%s', (_name, text, expected) => {
    expect(read(text)).toMatchObject(expected);
  });

  it('refuses a cut or malformed file as not valid JSON', () => {
    const whole = file([rect('a'), rect('b')]);
    expect(read(whole.slice(0, -10)).error).toMatch(/^not valid JSON: /);
    expect(read(whole.replace('"b"', 'b')).error).toMatch(/^not valid JSON: Unexpected "b"/);
  });
});
