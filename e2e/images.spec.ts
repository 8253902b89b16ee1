/**
 * Images: a PNG dropped (or pasted) by one person is uploaded once and shows for everyone as an
 * image shape, which anyone can select and move. Files that are not PNG, JPEG, GIF or WebP, or
 * that are too large, get a clear message and add nothing.
 */
import { drag, parkMouse, selectTool } from './support/board';
import { storedBeforeMarker } from './support/editor';
import { expect, test } from './support/fixtures';
import { dropFiles, errors, expectColorAt, expectStoredShapeCount, makePng, messages, pasteFiles, storedShapes } from './support/files';

const RED: [number, number, number] = [224, 49, 49];
const BLUE: [number, number, number] = [25, 113, 194];
const WHITE: [number, number, number] = [255, 255, 255];
const DROP_AT = { x: 640, y: 420 };

test('an image dropped by Alice appears for Bob, who can move it', async ({ openBoard, boardId }) => {
  const alice = await openBoard(undefined, 'Alice');
  const bob = await openBoard(undefined, 'Bob');
  const png = await makePng(alice.page, 240, 160, '#e03131');

  await dropFiles(alice.page, [{ name: 'red.png', type: 'image/png', body: png }], DROP_AT);
  await expect(messages(alice.page)).toContainText('Added "red.png".');
  await expectStoredShapeCount(alice.page, boardId, 1);
  const [image] = await storedShapes(alice.page, boardId);
  // At its natural size, centred on the drop point.
  expect(image).toMatchObject({ type: 'image', x: 520, y: 340, w: 240, h: 160 });

  // The file is stored once on the server, as uploaded.
  const asset = await alice.page.request.get(`/api/assets/${image!.assetId as string}`);
  expect(asset.status()).toBe(200);
  expect(asset.headers()['content-type']).toBe('image/png');
  expect(Buffer.compare(await asset.body(), png)).toBe(0);

  await parkMouse(alice.page);
  await expectColorAt(bob.page, DROP_AT, RED);
  await expectColorAt(alice.page, DROP_AT, RED);

  // Bob selects it and drags it 200 to the right; Alice sees it move.
  await selectTool(bob.page, 'Select');
  await drag(bob.page, DROP_AT, { x: DROP_AT.x + 200, y: DROP_AT.y });
  await parkMouse(bob.page);
  await expect.poll(async () => (await storedShapes(bob.page, boardId))[0]?.x).toBe(720);
  await expectColorAt(alice.page, { x: DROP_AT.x + 200, y: DROP_AT.y }, RED);
  await expectColorAt(alice.page, { x: 560, y: DROP_AT.y }, WHITE);
});

test('an image pasted onto the board lands at the centre of the view', async ({ openBoard, boardId }) => {
  const alice = await openBoard(undefined, 'Alice');
  const bob = await openBoard(undefined, 'Bob');
  const png = await makePng(alice.page, 100, 80, '#1971c2');
  await pasteFiles(alice.page, [{ name: 'image.png', type: 'image/png', body: png }]);
  await expectStoredShapeCount(alice.page, boardId, 1);
  const box = await alice.page.getByTestId('canvas').boundingBox();
  const center = { x: Math.round(box!.width / 2), y: Math.round(box!.height / 2) };
  const [image] = await storedShapes(alice.page, boardId);
  expect(image).toMatchObject({ type: 'image', x: center.x - 50, y: center.y - 40, w: 100, h: 80 });
  await expectColorAt(bob.page, center, BLUE);
});

test('files that are not supported images, or too large, are refused with a message', async ({ openBoard, boardId }) => {
  const { page } = await openBoard(undefined, 'Alice');

  // Named and typed as a PNG, but its bytes are text: judged by the bytes.
  await dropFiles(page, [{ name: 'fake.png', type: 'image/png', body: Buffer.from('hello, not an image') }], DROP_AT);
  await expect(errors(page)).toContainText('"fake.png" cannot be added: only PNG, JPEG, GIF and WebP images are supported (this file is image/png).');

  await dropFiles(page, [{ name: 'logo.svg', type: 'image/svg+xml', body: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>') }], DROP_AT);
  await expect(errors(page)).toContainText('"logo.svg" cannot be added');

  const big = Buffer.alloc(10 * 1024 * 1024 + 1);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(big);
  await dropFiles(page, [{ name: 'huge.png', type: 'image/png', body: big }], DROP_AT);
  await expect(errors(page)).toContainText('"huge.png" is too large (10.0 MB); images can be at most 10.0 MB.');

  expect(await storedBeforeMarker(page, boardId)).toHaveLength(0);
});
