/**
 * Files coming into a board from the browser (picked, dropped or pasted): images are uploaded and
 * become image shapes; Tabula and Excalidraw files are imported. Everything that can go wrong ends
 * in a message for the user and leaves the board as it was.
 */
import { addShape, newShapeId } from '../../lib/board/doc';
import type { Editor } from '../../lib/editor/editor';
import { screenToBoard } from '../../lib/geometry/viewport';
import type { Point } from '../../lib/geometry/types';
import { classifyFile, formatBytes, imageBox, imageFileProblem, SNIFF_BYTES, uploadAsset } from '../../lib/io/assets';
import type { EmbeddedImage } from '../../lib/io/excalidraw';
import { importShapes, MAX_IMPORT_FILE_BYTES, parseBoardFile, resolveImages } from '../../lib/io/import';
import { describeImport, skippedTotal } from '../../lib/io/import-result';
import { imageCache } from '../../lib/render/image-cache';
import type { Dismiss, Notify } from './Notices';

export interface FileTarget {
  boardId: string;
  editor: Editor;
  notify: Notify;
  dismiss: Dismiss;
}

function canvasElement(): HTMLElement | null {
  return document.querySelector<HTMLElement>('[data-testid="canvas"]');
}

/** The board point under a client (window) position. */
export function boardPointAt(editor: Editor, clientX: number, clientY: number): Point {
  const rect = canvasElement()?.getBoundingClientRect() ?? { left: 0, top: 0 };
  return screenToBoard(editor.viewport, { x: clientX - rect.left, y: clientY - rect.top });
}

/** The board point at the centre of what the canvas shows. */
export function viewCenter(editor: Editor): Point {
  const rect = canvasElement()?.getBoundingClientRect() ?? { left: 0, top: 0, width: window.innerWidth, height: window.innerHeight };
  return boardPointAt(editor, rect.left + rect.width / 2, rect.top + rect.height / 2);
}

async function readHead(file: Blob): Promise<Uint8Array> {
  return new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
}

function showResult(target: FileTarget, ids: readonly string[]): void {
  if (ids.length === 0) return;
  target.editor.setTool('select');
  target.editor.select(ids);
}

export async function addImageFile(target: FileTarget, file: File, center: Point): Promise<void> {
  const problem = imageFileProblem(file, await readHead(file));
  if (problem) {
    target.notify('error', problem);
    return;
  }
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    target.notify('error', `"${file.name || 'The image'}" could not be read as an image; the file may be damaged.`);
    return;
  }
  const uploading = target.notify('info', `Uploading ${file.name ? `"${file.name}"` : 'the image'} (${formatBytes(file.size)})…`);
  const uploaded = await uploadAsset(target.boardId, file);
  target.dismiss(uploading);
  if (!uploaded.ok) {
    bitmap.close();
    target.notify('error', uploaded.error);
    return;
  }
  imageCache.put(uploaded.asset.id, bitmap);
  const box = imageBox({ width: bitmap.width, height: bitmap.height }, center);
  try {
    const shape = addShape(target.editor.doc, {
      id: newShapeId(),
      type: 'image',
      ...box,
      assetId: uploaded.asset.id,
      stroke: 'none',
      strokeWidth: 0,
      createdBy: target.editor.userId,
    });
    showResult(target, [shape.id]);
    target.notify('info', `Added ${file.name ? `"${file.name}"` : 'the image'}.`);
  } catch (error) {
    target.notify('error', `The image could not be added: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export async function importBoardFile(target: FileTarget, file: File, center: Point): Promise<void> {
  const name = file.name ? `"${file.name}"` : 'The file';
  if (file.size > MAX_IMPORT_FILE_BYTES) {
    target.notify('error', `${name} is too large to import (${formatBytes(file.size)}; at most ${formatBytes(MAX_IMPORT_FILE_BYTES)}).`);
    return;
  }
  let text: string;
  try {
    text = await file.text();
  } catch {
    target.notify('error', `${name} could not be read.`);
    return;
  }
  const parsed = parseBoardFile(text);
  if (!parsed.ok) {
    target.notify('error', `${name}: ${parsed.error}`);
    return;
  }
  let shapes = parsed.shapes;
  const skipped = { ...parsed.skipped };
  if (parsed.images.length > 0) {
    const uploaded = await uploadEmbeddedImages(target, parsed.images);
    const resolved = resolveImages(shapes, uploaded);
    shapes = resolved.shapes;
    if (resolved.dropped > 0) skipped.image = (skipped.image ?? 0) + resolved.dropped;
  }
  const outcome = importShapes(target.editor.doc, shapes, { center, createdBy: target.editor.userId });
  if (!outcome.ok) {
    target.notify('error', `${name}: ${outcome.error}`);
    return;
  }
  showResult(
    target,
    outcome.shapes.map((shape) => shape.id),
  );
  const message = describeImport(outcome.shapes.length, skipped);
  target.notify(outcome.shapes.length === 0 && skippedTotal(skipped) > 0 ? 'error' : 'info', message);
}

/** Uploads the images a drawing carries; returns placeholder to asset id for those that made it. */
async function uploadEmbeddedImages(target: FileTarget, images: readonly EmbeddedImage[]): Promise<Map<string, string>> {
  const uploading = target.notify('info', `Uploading ${images.length} ${images.length === 1 ? 'image' : 'images'} from the drawing…`);
  const uploaded = new Map<string, string>();
  for (const image of images) {
    const result = await uploadAsset(target.boardId, new Blob([image.bytes.slice()], { type: image.type }));
    if (result.ok) uploaded.set(image.placeholder, result.asset.id);
  }
  target.dismiss(uploading);
  return uploaded;
}

/** Adds each file at `center` (several images are spread out a little so they do not stack exactly). */
export async function addFiles(target: FileTarget, files: readonly File[], center: Point): Promise<void> {
  let offset = 0;
  for (const file of files) {
    const at = { x: center.x + offset, y: center.y + offset };
    const kind = classifyFile(file, await readHead(file));
    if (kind === 'image' || kind === 'unsupported-image') await addImageFile(target, file, at);
    else await importBoardFile(target, file, at);
    offset += 24;
  }
}
