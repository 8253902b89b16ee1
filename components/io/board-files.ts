/**
 * Files coming into a board from the browser (picked, dropped or pasted): images are uploaded and
 * become image shapes; Tabula and Excalidraw files are imported. Both are written through the
 * editor (one undo step each, selected); a large import is added in parts, one per frame. Everything that can go wrong ends in a message for the
 * user and leaves the board as it was.
 */
import { newShapeId } from '../../lib/board/doc';
import type { Editor } from '../../lib/editor/editor';
import type { Point } from '../../lib/geometry/types';
import { classifyFile, formatBytes, imageBox, imageFileProblem, SNIFF_BYTES, uploadAsset } from '../../lib/io/assets';
import type { EmbeddedImage } from '../../lib/io/excalidraw';
import type { Shape } from '../../lib/board/schema';
import { addImportPart, type ImportOutcome, type ParsedBoardFile, planImport, readBoardFile, resolveImages } from '../../lib/io/import';
import { MAX_IMPORT_BYTES } from '../../lib/protocol/limits';
import { describeImport, skippedTotal } from '../../lib/io/import-result';
import { imageCache } from '../../lib/render/image-cache';
import { msg } from '../../lib/i18n';
import { nextFrame } from '../ui/next-frame';

export interface FileTarget {
  boardId: string;
  editor: Editor;
  /** fetch for the board's API with the page's token (lib/access/kept-access.ts). */
  api: typeof fetch;
}

async function readHead(file: Blob): Promise<Uint8Array> {
  return new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
}

export async function addImageFile(target: FileTarget, file: File, center: Point): Promise<void> {
  const { notices } = target.editor;
  const problem = imageFileProblem(file, await readHead(file));
  if (problem) {
    notices.push('error', problem);
    return;
  }
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    notices.push('error', msg('files.imageUnreadable', { name: msg('files.quoted', { name: file.name || msg('files.theImage') }) }));
    return;
  }
  const size = formatBytes(file.size);
  const uploading = notices.push('progress', file.name ? msg('files.uploading', { name: msg('files.quoted', { name: file.name }), size }) : msg('files.uploadingTheImage', { size }));
  const uploaded = await uploadAsset(target.boardId, file, target.api).finally(() => notices.dismiss(uploading));
  if (!uploaded.ok) {
    bitmap.close();
    notices.push('error', uploaded.error);
    return;
  }
  imageCache.put(uploaded.asset.id, bitmap);
  const box = imageBox({ width: bitmap.width, height: bitmap.height }, center);
  try {
    const image = { id: newShapeId(), type: 'image', ...box, assetId: uploaded.asset.id, stroke: 'none', strokeWidth: 0, createdBy: target.editor.userId } as const;
    if (target.editor.addShapes([image]).length === 0) return;
    notices.push('info', file.name ? msg('files.added', { name: msg('files.quoted', { name: file.name }) }) : msg('files.addedTheImage'));
  } catch (error) {
    notices.push('error', msg('files.addFailed', { reason: error instanceof Error ? error.message : String(error) }));
  }
}

/** Files above this size get a notice while they are read. */
const LARGE_FILE_BYTES = 1024 * 1024;

export async function importBoardFile(target: FileTarget, file: File, center: Point): Promise<void> {
  const { editor } = target;
  const { notices } = editor;
  const name = file.name ? msg('files.quoted', { name: file.name }) : msg('files.theFile');
  if (file.size > MAX_IMPORT_BYTES) {
    notices.push('error', msg('files.tooLargeToImport', { name, size: formatBytes(file.size), max: formatBytes(MAX_IMPORT_BYTES) }));
    return;
  }
  // Reading and checking a large file takes a while before its first part can be added.
  const reading = file.size > LARGE_FILE_BYTES ? notices.push('progress', msg('import.reading', { name, size: formatBytes(file.size) })) : null;
  if (reading !== null) await nextFrame();
  let parsed: ParsedBoardFile;
  try {
    parsed = await readBoardFile(file);
  } catch {
    notices.push('error', msg('files.unreadable', { name }));
    return;
  } finally {
    if (reading !== null) notices.dismiss(reading);
  }
  if (!parsed.ok) {
    notices.push('error', msg('files.problem', { name, reason: parsed.error }));
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
  const outcome = await addImportedShapes(editor, shapes, center);
  if (!outcome.ok) {
    notices.push('error', msg('files.problem', { name, reason: outcome.error }));
    return;
  }
  const message = describeImport(outcome.shapes.length, skipped);
  notices.push(outcome.shapes.length === 0 && skippedTotal(skipped) > 0 ? 'error' : 'info', message);
}

/**
 * Adds imported shapes in parts of bounded size (lib/io/import.ts), one per frame, with the
 * progress shown while there is more than one part; they are selected at the end. A part that
 * fails stops the import: what was added stays, and the message says how much.
 */
async function addImportedShapes(editor: Editor, shapes: readonly Shape[], center: Point): Promise<ImportOutcome> {
  const parts = planImport(editor.doc, shapes, { center, createdBy: editor.userId });
  const total = parts.reduce((sum, part) => sum + part.length, 0);
  const progress = parts.length > 1 ? editor.notices.push('progress', msg('import.importing', { count: total })) : null;
  let done = 0;
  const results = await editor
    .changeInParts(
      parts.map((part) => (doc) => addImportPart(doc, part)),
      {
        stop: (result) => !result.ok,
        pause: async (partsDone) => {
          done += parts[partsDone - 1]!.length;
          if (progress !== null) editor.notices.update(progress, msg('import.progress', { done, total }));
          await nextFrame();
        },
      },
    )
    .finally(() => progress !== null && editor.notices.dismiss(progress));
  const added = results.flatMap((result) => (result.ok ? result.shapes : []));
  const failed = results.find((result) => !result.ok);
  if (added.length > 0) {
    if (editor.getState().tool !== 'select') editor.setTool('select');
    editor.select(added.map((shape) => shape.id));
  }
  if (failed && !failed.ok) {
    return { ok: false, error: added.length > 0 ? msg('import.partlyAdded', { reason: failed.error, added: added.length, total }) : failed.error };
  }
  if (added.length < total) return { ok: false, error: msg('import.stoppedViewOnly', { added: added.length, total }) };
  return { ok: true, shapes: added };
}

/** Uploads the images a drawing carries; returns placeholder to asset id for those that made it. */
async function uploadEmbeddedImages(target: FileTarget, images: readonly EmbeddedImage[]): Promise<Map<string, string>> {
  const { notices } = target.editor;
  const uploading = notices.push('progress', msg('files.uploadingImages', { count: images.length }));
  const uploaded = new Map<string, string>();
  try {
    for (const image of images) {
      const result = await uploadAsset(target.boardId, new Blob([image.bytes.slice()], { type: image.type }), target.api);
      if (result.ok) uploaded.set(image.placeholder, result.asset.id);
    }
  } finally {
    notices.dismiss(uploading);
  }
  return uploaded;
}

/** Adds each file at `center` (several images are spread out a little so they do not stack exactly). */
export async function addFiles(target: FileTarget, files: readonly File[], center: Point): Promise<void> {
  if (target.editor.getState().readOnly) return;
  let offset = 0;
  for (const file of files) {
    const at = { x: center.x + offset, y: center.y + offset };
    const kind = classifyFile(file, await readHead(file));
    if (kind === 'image' || kind === 'unsupported-image') await addImageFile(target, file, at);
    else await importBoardFile(target, file, at);
    offset += 24;
  }
}
