/**
 * Files in and out of a board page: the Export menu's downloads, dropping a file on the canvas
 * (a real `drop` event with a DataTransfer built in the page), and the board as the server has it.
 */
import { readFile } from 'node:fs/promises';
import { type Download, expect, type Locator, type Page } from '@playwright/test';
import { canvas } from './board';
import { storedShapes } from './editor';
import { canvasPixels, type Point } from './pixels';

export interface DroppedFile {
  name: string;
  type: string;
  /** The file's bytes. */
  body: Buffer;
}

/** Messages about imports, exports, uploads and history (role "status", beside the join and leave notices). */
export function messages(page: Page): Locator {
  return page.getByRole('status', { name: 'Notices' });
}

/** Error messages about them (role "alert"). */
export function errors(page: Page): Locator {
  return page.getByRole('alert', { name: 'Errors' });
}

/** Chooses an item of the Export menu and returns the download it starts. */
export async function exportAs(page: Page, item: 'PNG' | 'PNG (2x)' | 'SVG' | 'Tabula JSON'): Promise<Download> {
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const downloading = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: item, exact: true }).click();
  return downloading;
}

export async function downloadedBytes(download: Download): Promise<Buffer> {
  return readFile(await download.path());
}

/** Drops the files on the canvas at a board point (zoom 100%: canvas offset = board point). */
export async function dropFiles(page: Page, files: readonly DroppedFile[], at: Point): Promise<void> {
  const box = await canvas(page).boundingBox();
  if (!box) throw new Error('the canvas is not visible');
  const payload = files.map((file) => ({ name: file.name, type: file.type, base64: file.body.toString('base64') }));
  await canvas(page).evaluate(
    (target, { payload, clientX, clientY }) => {
      const transfer = new DataTransfer();
      for (const file of payload) {
        const bytes = Uint8Array.from(atob(file.base64), (char) => char.charCodeAt(0));
        transfer.items.add(new File([bytes], file.name, { type: file.type }));
      }
      for (const type of ['dragenter', 'dragover', 'drop']) {
        target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, composed: true, clientX, clientY, dataTransfer: transfer }));
      }
    },
    { payload, clientX: box.x + at.x, clientY: box.y + at.y },
  );
}

export { type StoredShape, storedShapes } from './editor';

/** Waits until the server has this many shapes on the board. */
export async function expectStoredShapeCount(page: Page, boardId: string, count: number): Promise<void> {
  await expect.poll(async () => (await storedShapes(page, boardId)).length, { message: `the server has ${count} shapes` }).toBe(count);
}

/** A PNG made in the page: a solid colour of the given size. */
export async function makePng(page: Page, width: number, height: number, color: string): Promise<Buffer> {
  const base64 = await page.evaluate(
    async ({ width, height, color }) => {
      const canvas = document.createElement('canvas');
      canvas.width = width;
      canvas.height = height;
      const ctx = canvas.getContext('2d')!;
      ctx.fillStyle = color;
      ctx.fillRect(0, 0, width, height);
      const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'));
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let binary = '';
      for (const byte of bytes) binary += String.fromCharCode(byte);
      return btoa(binary);
    },
    { width, height, color },
  );
  return Buffer.from(base64, 'base64');
}

/** The colour the board shows at a board point (zoom 100%). */
export async function colorAt(page: Page, point: Point): Promise<[number, number, number]> {
  const pixels = await canvasPixels(page);
  const i = (Math.round(point.y) * pixels.width + Math.round(point.x)) * 4;
  return [pixels.data[i]!, pixels.data[i + 1]!, pixels.data[i + 2]!];
}

/** Whether a colour is close to the given one (each channel within 24). */
export function near(color: readonly number[], target: readonly number[]): boolean {
  return color.every((value, i) => Math.abs(value - target[i]!) <= 24);
}

/** Waits until the board shows about `rgb` at the point. */
export async function expectColorAt(page: Page, point: Point, rgb: readonly [number, number, number]): Promise<void> {
  await expect
    .poll(async () => near(await colorAt(page, point), rgb), { message: `rgb(${rgb.join(', ')}) shows at (${point.x}, ${point.y})` })
    .toBe(true);
}

/** Pastes the files onto the page, as Ctrl+V with files on the clipboard does. */
export async function pasteFiles(page: Page, files: readonly DroppedFile[]): Promise<void> {
  const payload = files.map((file) => ({ name: file.name, type: file.type, base64: file.body.toString('base64') }));
  await page.evaluate((payload) => {
    const transfer = new DataTransfer();
    for (const file of payload) {
      const bytes = Uint8Array.from(atob(file.base64), (char) => char.charCodeAt(0));
      transfer.items.add(new File([bytes], file.name, { type: file.type }));
    }
    document.body.dispatchEvent(new ClipboardEvent('paste', { bubbles: true, cancelable: true, clipboardData: transfer }));
  }, payload);
}
