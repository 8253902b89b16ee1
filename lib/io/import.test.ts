import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addShape, addShapes, getShapesMap, LOCAL_ORIGIN, type NewShape, newShapeId, readShapes, setTitle } from '../board/doc';
import { exportTabulaFile } from '../board/tabula-json';
import { unionBoxes } from '../geometry/box';
import { shapeVisualBounds } from '../geometry/shape-bounds';
import { MAX_POINT_VALUES, MAX_TEXT_LENGTH, shapeSchema } from '../board/schema';
// eslint-disable-next-line no-restricted-imports
import { readFileSync } from 'node:fs';
import { centerShapesAt, importShapes, parseBoardFile, readBoardFile, resolveImages } from './import';
import { shapeUpdateBytesBound } from '../board/update-parts';
import { MAX_UPDATE_BYTES } from '../protocol/limits';
import { english } from '../i18n/english';

function boardWithShapes(): Y.Doc {
  const doc = new Y.Doc();
  setTitle(doc, 'Plans');
  addShapes(doc, [
    { id: newShapeId(), type: 'rectangle', x: 10, y: 20, w: 100, h: 50, fill: '#a5d8ff' },
    { id: newShapeId(), type: 'pen', x: 200, y: 0, w: 30, h: 10, points: [0, 0, 0.5, 30, 10, 0.5] },
    { id: newShapeId(), type: 'text', x: 0, y: 100, w: 80, h: 25, text: 'hi', fontSize: 24 },
  ]);
  return doc;
}

const strip = <T extends { id: string; z: string }>({ id: _id, z: _z, ...rest }: T) => rest;

describe('Tabula JSON', () => {
  it('round-trips a board through the file format', () => {
    const source = boardWithShapes();
    const text = JSON.stringify(exportTabulaFile(source));
    const parsed = parseBoardFile(text);
    expect(parsed).toMatchObject({ ok: true, kind: 'tabula', title: 'Plans', skipped: {} });
    if (!parsed.ok) return;
    expect(parsed.shapes).toEqual(readShapes(source).shapes);

    // Into another board, at the same centre: same shapes, new ids, same order.
    const target = new Y.Doc();
    const before = unionBoxes(parsed.shapes.map(shapeVisualBounds));
    const center = { x: before.x + before.w / 2, y: before.y + before.h / 2 };
    const outcome = importShapes(target, parsed.shapes, { center });
    expect(outcome.ok).toBe(true);
    const imported = readShapes(target).shapes;
    expect(imported.map(strip)).toEqual(readShapes(source).shapes.map(strip));
    expect(imported.some((shape) => readShapes(source).shapes.some((other) => other.id === shape.id))).toBe(false);
  });

  it('names the problem in a broken file', () => {
    expect(english(parseBoardFile('{"format":"tabula","version":9,"shapes":[]}'))).toEqual({
      ok: false,
      error: 'This Tabula file cannot be imported: unsupported version (this server reads version 1) at version.',
    });
    expect(parseBoardFile('{"format":"tabula","version":1,"shapes":[{"type":"rectangle"}]}')).toMatchObject({ ok: false });
    expect(english(parseBoardFile('not json'))).toEqual({
      ok: false,
      error: 'This file is not a Tabula board or an Excalidraw drawing: it is not valid JSON.',
    });
    expect(english(parseBoardFile('{"hello":1}'))).toEqual({
      ok: false,
      error: 'This file is not a Tabula board (.tabula.json) or an Excalidraw drawing (.excalidraw).',
    });
    expect(english(parseBoardFile('{"type":"excalidraw"}'))).toEqual({
      ok: false,
      error: 'This Excalidraw file cannot be imported: the Excalidraw file has no list of elements.',
    });
  });
});

describe('reading a file as it arrives', () => {
  it('reads what parseBoardFile reads from the whole text, Tabula files streamed and anything else whole', async () => {
    const big = new Y.Doc();
    addShapes(big, Array.from({ length: 3_000 }, (_, i): NewShape => ({ id: `s${i}`, type: 'rectangle', x: i, y: -i, w: 10, h: 10 })));
    const texts = [
      JSON.stringify(exportTabulaFile(boardWithShapes())),
      // Some 400 KB: read in several chunks.
      JSON.stringify(exportTabulaFile(big)),
      '{"format":"tabula","version":9,"shapes":[]}',
      '{"format":"tabula","version":1,"shapes":[{"type":"rectangle"}]}',
      '{"format":"tabula","version":1,"shapes":[',
      'not json',
      '{"hello":1}',
      '{"type":"excalidraw"}',
      readFileSync(new URL('./fixtures/sample.excalidraw', import.meta.url), 'utf8'),
    ];
    for (const text of texts) {
      const read = await readBoardFile(new Blob([text]));
      const parsed = parseBoardFile(text);
      expect(read.ok, text.slice(0, 80)).toBe(parsed.ok);
      if (read.ok && parsed.ok) expect(read).toEqual(parsed);
      else expect(english(read), text.slice(0, 80)).toMatchObject(parsed.ok ? {} : { ok: false, error: expect.stringMatching(/^This /) });
    }
    // A Tabula file is never read as one text.
    class StreamOnly extends Blob {
      override text(): Promise<string> {
        throw new Error('read whole');
      }
    }
    expect(await readBoardFile(new StreamOnly([texts[1]!]))).toEqual(parseBoardFile(texts[1]!));
    expect(english(await readBoardFile(new StreamOnly([texts[0]!])))).toMatchObject({ ok: true, title: 'Plans' });
    expect(english(await readBoardFile(new Blob([texts[2]!])))).toEqual(english(parseBoardFile(texts[2]!)));
  });
});

describe('importing into a board', () => {
  it('centres the shapes on the given point', () => {
    const { shapes } = readShapes(boardWithShapes());
    const moved = centerShapesAt(shapes, { x: 1000, y: -500 });
    const box = unionBoxes(moved.map(shapeVisualBounds));
    expect(Math.abs(box.x + box.w / 2 - 1000)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(box.y + box.h / 2 + 500)).toBeLessThanOrEqual(0.5);
    // Relative positions are kept.
    expect(moved[1]!.x - moved[0]!.x).toBe(shapes[1]!.x - shapes[0]!.x);
  });

  it('adds above the existing shapes in one transaction that one undo removes', () => {
    const doc = new Y.Doc();
    const existing = addShape(doc, { id: newShapeId(), type: 'ellipse', x: 0, y: 0, w: 10, h: 10 });
    const undo = new Y.UndoManager(getShapesMap(doc), { trackedOrigins: new Set([LOCAL_ORIGIN]), captureTimeout: 0 });
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    const outcome = importShapes(doc, readShapes(boardWithShapes()).shapes, { center: { x: 0, y: 0 }, createdBy: 'me' });
    expect(transactions).toBe(1);
    expect(outcome.ok && outcome.shapes.every((shape) => shape.createdBy === 'me')).toBe(true);
    const ordered = readShapes(doc).shapes;
    expect(ordered[0]!.id).toBe(existing.id);
    expect(ordered.map((shape) => shape.type)).toEqual(['ellipse', 'rectangle', 'pen', 'text']);
    undo.undo();
    expect(readShapes(doc).shapes.map((shape) => shape.id)).toEqual([existing.id]);
  });

  it('adds an import larger than one update in parts, each update within the server limit, stacked in file order', () => {
    const doc = new Y.Doc();
    const text = 'x'.repeat(9_000);
    const big = Array.from({ length: 1_000 }, (_, i) => ({
      id: `s${i}`,
      type: 'text' as const,
      x: i,
      y: 0,
      w: 10,
      h: 10,
      z: 'a0',
      text,
      fontSize: 20,
      rotation: 0,
      stroke: '#000000',
      fill: 'none',
      strokeWidth: 1,
      opacity: 1,
      strokeStyle: 'solid' as const,
    }));
    const updates: number[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update.byteLength));
    const outcome = importShapes(doc, big, { center: { x: 0, y: 0 } });
    expect(outcome.ok).toBe(true);
    expect(getShapesMap(doc).size).toBe(1_000);
    // About 9 MB in all: several updates, none above what the server takes.
    expect(updates.length).toBeGreaterThan(2);
    expect(Math.max(...updates)).toBeLessThanOrEqual(MAX_UPDATE_BYTES);
    // Stacked in file order across the parts.
    const xs = readShapes(doc).shapes.map((shape) => shape.x);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
  });

  it('bounds each part by an upper bound of its update that holds for the largest shapes', () => {
    const emoji = '\u{1F600}'.repeat(MAX_TEXT_LENGTH / 2);
    const worst: NewShape[] = [
      { id: 'i'.repeat(64), type: 'text', x: 0.1, y: 0.3, w: 1e7, h: 1e7, z: 'z'.repeat(128), text: emoji, fontSize: 20.3, createdBy: '\u00e9'.repeat(128), stroke: '#123456aa', fill: '#123456aa' },
      { id: 'p'.repeat(64), type: 'pen', x: 0.1, y: 0.3, w: 1e7, h: 1e7, z: 'z'.repeat(128), points: Array.from({ length: MAX_POINT_VALUES }, (_, i) => i + 0.1), createdBy: 'x'.repeat(128), groupId: 'g'.repeat(64), locked: true },
    ];
    for (const shape of worst) {
      const scratch = new Y.Doc();
      addShapes(scratch, [shape]);
      expect(Y.encodeStateAsUpdate(scratch).byteLength).toBeLessThanOrEqual(shapeUpdateBytesBound(shape));
    }
  });
});

describe('embedded images', () => {
  it('take their uploaded asset ids; those that failed to upload are left out', () => {
    const image = (id: string, assetId: string) => shapeSchema.parse({ id, type: 'image', x: 0, y: 0, w: 1, h: 1, z: 'a0', assetId });
    const shapes = [image('a', 'pendingimage000000'), image('b', 'pendingimage000001'), image('c', 'alreadyuploaded00')];
    const { shapes: resolved, dropped } = resolveImages(shapes, new Map([['pendingimage000000', 'realasset0000000']]));
    expect(resolved.map((shape) => [shape.id, shape.type === 'image' && shape.assetId])).toEqual([
      ['a', 'realasset0000000'],
      ['c', 'alreadyuploaded00'],
    ]);
    expect(dropped).toBe(1);
  });
});
