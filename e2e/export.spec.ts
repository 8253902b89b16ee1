/**
 * Export from the Export menu: PNG at 1x and 2x (with a white background, or without), SVG and
 * Tabula JSON, of the whole board or of the selection; each a download named after the board.
 */
import { drag, drawRectangle, parkMouse, selectTool } from './support/board';
import { expect, test } from './support/fixtures';
import { downloadedBytes, exportAs, expectStoredShapeCount, storedShapes } from './support/files';
import { decodePng, type Pixels, type Rect } from './support/pixels';

const RECT: Rect = { x1: 160, y1: 180, x2: 380, y2: 320 };
const OTHER: Rect = { x1: 600, y1: 400, x2: 700, y2: 480 };
/** The margin around exported drawings, in board units. */
const PADDING = 16;

function pixel(image: Pixels, x: number, y: number): [number, number, number, number] {
  const i = (Math.round(y) * image.width + Math.round(x)) * 4;
  return [image.data[i]!, image.data[i + 1]!, image.data[i + 2]!, image.data[i + 3]!];
}

const isDark = ([r, g, b, a]: number[]) => a! > 200 && r! < 100 && g! < 100 && b! < 100;

test('the board exports as PNG (1x and 2x), SVG and Tabula JSON downloads', async ({ openBoard, boardId }) => {
  const { page } = await openBoard(undefined, 'Alice');
  await drawRectangle(page, RECT);
  await parkMouse(page);
  await expectStoredShapeCount(page, boardId, 1);
  const [shape] = await storedShapes(page, boardId);
  const half = (shape!.strokeWidth as number) / 2;
  // The exported area: what the rectangle paints (its stroke reaches half a width out), plus a margin.
  const left = shape!.x - half - PADDING;
  const top = shape!.y - half - PADDING;
  const width = shape!.w + 2 * half + 2 * PADDING;
  const height = shape!.h + 2 * half + 2 * PADDING;

  const png = await exportAs(page, 'PNG');
  expect(png.suggestedFilename()).toBe('Untitled board.png');
  const image = decodePng(await downloadedBytes(png));
  expect([image.width, image.height]).toEqual([Math.ceil(width), Math.ceil(height)]);
  // White background in the margin; the rectangle's left edge is ink.
  expect(pixel(image, 4, 4)).toEqual([255, 255, 255, 255]);
  expect(isDark(pixel(image, shape!.x - left, shape!.y + shape!.h / 2 - top))).toBe(true);
  // Inside the (unfilled) rectangle: background.
  expect(pixel(image, shape!.x + shape!.w / 2 - left, shape!.y + shape!.h / 2 - top)).toEqual([255, 255, 255, 255]);

  const png2x = await exportAs(page, 'PNG (2x)');
  expect(png2x.suggestedFilename()).toBe('Untitled board@2x.png');
  const image2x = decodePng(await downloadedBytes(png2x));
  expect([image2x.width, image2x.height]).toEqual([Math.ceil(width * 2), Math.ceil(height * 2)]);
  expect(isDark(pixel(image2x, (shape!.x - left) * 2, (shape!.y + shape!.h / 2 - top) * 2))).toBe(true);

  const svg = await exportAs(page, 'SVG');
  expect(svg.suggestedFilename()).toBe('Untitled board.svg');
  const svgText = (await downloadedBytes(svg)).toString('utf8');
  expect(svgText).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  expect(svgText).toContain(`viewBox="${left} ${top} ${width} ${height}"`);
  expect(svgText).toContain('fill="#ffffff"');
  expect(svgText).toContain(`<rect x="${shape!.x}" y="${shape!.y}" width="${shape!.w}" height="${shape!.h}"`);

  const json = await exportAs(page, 'Tabula JSON');
  expect(json.suggestedFilename()).toBe('Untitled board.tabula.json');
  const file = JSON.parse((await downloadedBytes(json)).toString('utf8')) as { format: string; version: number; title: string; shapes: unknown[] };
  expect(file).toMatchObject({ format: 'tabula', version: 1, title: 'Untitled board' });
  expect(file.shapes).toEqual([expect.objectContaining({ id: shape!.id, type: 'rectangle', x: shape!.x, y: shape!.y, w: shape!.w, h: shape!.h })]);
});

test('the selection exports alone, and without a background when asked', async ({ openBoard, boardId }) => {
  const { page } = await openBoard(undefined, 'Alice');
  await drawRectangle(page, RECT);
  await drawRectangle(page, OTHER);
  await expectStoredShapeCount(page, boardId, 2);

  // Select the second rectangle by its top edge.
  await selectTool(page, 'Select');
  await drag(page, { x: (OTHER.x1 + OTHER.x2) / 2, y: OTHER.y1 }, { x: (OTHER.x1 + OTHER.x2) / 2, y: OTHER.y1 });
  await parkMouse(page);

  await page.getByRole('button', { name: 'Export', exact: true }).click();
  // With a selection, the menu offers it first.
  await expect(page.getByRole('menuitemcheckbox', { name: 'Only the selection' })).toHaveAttribute('aria-checked', 'true');
  const background = page.getByRole('menuitemcheckbox', { name: 'Background' });
  await background.click();
  await expect(background).toHaveAttribute('aria-checked', 'false');
  const downloading = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: 'PNG', exact: true }).click();
  const png = await downloading;
  expect(png.suggestedFilename()).toBe('Untitled board (selection).png');
  const image = decodePng(await downloadedBytes(png));
  // Only the 100 x 80 rectangle (plus its stroke and the margin); transparent around it.
  expect([image.width, image.height]).toEqual([100 + 2 + 2 * PADDING, 80 + 2 + 2 * PADDING]);
  expect(pixel(image, 4, 4)[3]).toBe(0);
  expect(isDark(pixel(image, PADDING + 1, image.height / 2))).toBe(true);
});
