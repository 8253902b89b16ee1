/**
 * Import: an Excalidraw drawing dropped on the board, a Tabula file picked with Import; both land
 * on top as new shapes that the other person sees, and one Undo takes an import back. A file that
 * is not a board gets a message and changes nothing.
 */
import { readFile } from 'node:fs/promises';
import { drawRectangle, expectNoRectangle, expectRectangle, parkMouse } from './support/board';
import { storedBeforeMarker } from './support/editor';
import { expect, test } from './support/fixtures';
import { dropFiles, errors, expectColorAt, expectStoredShapeCount, makePng, messages, type StoredShape, storedShapes } from './support/files';
import type { Rect } from './support/pixels';

const FIXTURE = new URL('../lib/io/fixtures/sample.excalidraw', import.meta.url);
const DROP_AT = { x: 640, y: 420 };

const rectOf = (shape: StoredShape): Rect => ({ x1: shape.x, y1: shape.y, x2: shape.x + shape.w, y2: shape.y + shape.h });

test('an Excalidraw drawing dropped on the board shows for everyone, and one Undo removes it', async ({ openBoard, boardId }) => {
  const alice = await openBoard(undefined, 'Alice');
  const bob = await openBoard(undefined, 'Bob');

  await dropFiles(alice.page, [{ name: 'sample.excalidraw', type: '', body: await readFile(FIXTURE) }], DROP_AT);
  await expect(messages(alice.page)).toContainText(
    'Imported 8 shapes. Skipped 2 elements with no counterpart in Tabula (1 frame, 1 image).',
  );
  await expectStoredShapeCount(alice.page, boardId, 8);
  const shapes = await storedShapes(alice.page, boardId);
  expect(shapes.map((shape) => shape.type).sort()).toEqual(['arrow', 'arrow', 'diamond', 'ellipse', 'line', 'pen', 'rectangle', 'text']);
  // New ids, not Excalidraw's.
  expect(shapes.some((shape) => shape.id === 'rect-1')).toBe(false);
  const rectangle = shapes.find((shape) => shape.type === 'rectangle')!;
  expect(rectangle).toMatchObject({ w: 200, h: 120, stroke: '#1971c2', fill: '#a5d8ff' });

  await parkMouse(alice.page);
  await expectRectangle(bob.page, rectOf(rectangle));

  await alice.page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expectStoredShapeCount(alice.page, boardId, 0);
  await expectNoRectangle(bob.page, rectOf(rectangle));
});

test('images embedded in an Excalidraw drawing are uploaded and shown', async ({ openBoard, boardId }) => {
  const alice = await openBoard(undefined, 'Alice');
  const bob = await openBoard(undefined, 'Bob');
  const png = await makePng(alice.page, 120, 90, '#2f9e44');
  const drawing = {
    type: 'excalidraw',
    version: 2,
    source: 'https://excalidraw.com',
    elements: [
      { id: 'img', type: 'image', x: 0, y: 0, width: 240, height: 180, angle: 0, opacity: 100, strokeColor: 'transparent', backgroundColor: 'transparent', strokeWidth: 1, isDeleted: false, fileId: 'f1', status: 'saved', scale: [1, 1] },
    ],
    appState: { viewBackgroundColor: '#ffffff' },
    files: { f1: { id: 'f1', mimeType: 'image/png', created: 1718000000000, dataURL: `data:image/png;base64,${png.toString('base64')}` } },
  };
  await dropFiles(alice.page, [{ name: 'with-image.excalidraw', type: '', body: Buffer.from(JSON.stringify(drawing)) }], DROP_AT);
  await expect(messages(alice.page)).toContainText('Imported 1 shape.');
  await expectStoredShapeCount(alice.page, boardId, 1);
  const [image] = await storedShapes(alice.page, boardId);
  // Excalidraw's size for the element (the file is scaled into it), centred on the drop point.
  expect(image).toMatchObject({ type: 'image', x: DROP_AT.x - 120, y: DROP_AT.y - 90, w: 240, h: 180 });
  const asset = await alice.page.request.get(`/api/assets/${image!.assetId as string}`);
  expect(Buffer.compare(await asset.body(), png)).toBe(0);
  await parkMouse(alice.page);
  await expectColorAt(bob.page, DROP_AT, [47, 158, 68]);
});

test('a Tabula file picked with Import goes on top of the board', async ({ openBoard, boardId }) => {
  const { page } = await openBoard(undefined, 'Alice');
  await drawRectangle(page, { x1: 100, y1: 100, x2: 200, y2: 200 });
  await expectStoredShapeCount(page, boardId, 1);
  const file = {
    format: 'tabula',
    version: 1,
    title: 'Elsewhere',
    shapes: [
      { id: 'one', type: 'rectangle', x: 0, y: 0, w: 300, h: 150, z: 'a0', stroke: '#e03131' },
      { id: 'two', type: 'ellipse', x: 50, y: 25, w: 200, h: 100, z: 'a1' },
    ],
  };
  const choosing = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await (await choosing).setFiles({ name: 'elsewhere.tabula.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });

  await expect(messages(page)).toContainText('Imported 2 shapes.');
  await expectStoredShapeCount(page, boardId, 3);
  const shapes = await storedShapes(page, boardId);
  // In paint order: the existing rectangle first, then the imported ones in their own order.
  expect(shapes.map((shape) => [shape.type, shape.w])).toEqual([
    ['rectangle', 100],
    ['rectangle', 300],
    ['ellipse', 200],
  ]);
  expect(shapes[1]!.id).not.toBe('one');
  // Placed at the centre of the view, keeping their layout.
  expect(shapes[2]!.x - shapes[1]!.x).toBe(50);
  await parkMouse(page);
  await expectRectangle(page, rectOf(shapes[1]!));
});

test('a file that is not a board gets a clear message and leaves the board as it was', async ({ openBoard, boardId }) => {
  const { page } = await openBoard(undefined, 'Alice');
  await drawRectangle(page, { x1: 100, y1: 100, x2: 200, y2: 200 });
  await expectStoredShapeCount(page, boardId, 1);
  const alert = errors(page);

  await dropFiles(page, [{ name: 'notes.json', type: 'application/json', body: Buffer.from('{"hello": 1}') }], DROP_AT);
  await expect(alert).toContainText('"notes.json": This file is not a Tabula board (.tabula.json) or an Excalidraw drawing (.excalidraw).');

  await dropFiles(page, [{ name: 'future.tabula.json', type: 'application/json', body: Buffer.from('{"format":"tabula","version":9,"shapes":[]}') }], DROP_AT);
  await expect(alert).toContainText('unsupported version');

  await dropFiles(page, [{ name: 'broken.excalidraw', type: '', body: Buffer.from('{"type":"excalidraw","elements":[') }], DROP_AT);
  await expect(alert).toContainText('"broken.excalidraw": This file is not a Tabula board or an Excalidraw drawing: it is not valid JSON.');

  // Nothing was added, and nothing was lost.
  expect(await storedBeforeMarker(page, boardId)).toHaveLength(1);
});
