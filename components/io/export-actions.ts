/**
 * Exports in the browser: PNG painted on an offscreen canvas by the board's own renderer, SVG with
 * its images embedded (so the file stands alone), and Tabula JSON; each downloaded as a file.
 */
import type * as Y from 'yjs';
import type { Shape } from '../../lib/board/schema';
import { exportTabulaFile } from '../../lib/board/tabula-json';
import { assetIdsOf, EXPORT_BACKGROUND, type ExportFormat, exportFileName, paintShapes, rasterPlan } from '../../lib/io/export';
import { assetUrl, imageCache } from '../../lib/render/image-cache';
import { shapesToSvg } from '../../lib/render/svg';
import { type Message, msg } from '../../lib/i18n';
import { canvasMeasurer } from '../../lib/render/draw-shape';

export interface ExportRequest {
  doc: Y.Doc;
  title: string;
  shapes: readonly Shape[];
  /** Whether `shapes` are the selection (for the file name). */
  selection: boolean;
  background: boolean;
}

/** Saves a blob as a file through a temporary link (what a download button does). */
export function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function canvasToBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the browser could not encode the PNG'))), 'image/png'),
  );
}

/** Returns a note for the user when the image had to be made smaller than asked. */
export async function exportPng(request: ExportRequest, scale: number): Promise<Message | null> {
  const plan = rasterPlan(request.shapes, scale);
  await Promise.all(assetIdsOf(request.shapes).map((id) => imageCache.load(id)));
  const canvas = document.createElement('canvas');
  canvas.width = plan.width;
  canvas.height = plan.height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('this browser cannot draw on a canvas');
  paintShapes(ctx, request.shapes, plan, request.background ? EXPORT_BACKGROUND : null);
  const blob = await canvasToBlob(canvas);
  download(blob, exportFileName(request.title, 'png', { selection: request.selection, scale }));
  return plan.reduced ? msg('export.reduced', { scale, actual: plan.scale.toFixed(2) }) : null;
}

function blobToDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('could not read the image'));
    reader.readAsDataURL(blob);
  });
}

async function embeddedImages(shapes: readonly Shape[]): Promise<Map<string, string>> {
  const entries = await Promise.all(
    assetIdsOf(shapes).map(async (id): Promise<[string, string] | null> => {
      try {
        const response = await fetch(assetUrl(id));
        return response.ok ? [id, await blobToDataUrl(await response.blob())] : null;
      } catch {
        return null;
      }
    }),
  );
  return new Map(entries.filter((entry): entry is [string, string] => entry !== null));
}

export async function exportSvg(request: ExportRequest): Promise<void> {
  const images = await embeddedImages(request.shapes);
  const svg = shapesToSvg(request.shapes, {
    background: request.background ? EXPORT_BACKGROUND : undefined,
    // An image that could not be fetched keeps its link to this server.
    imageHref: (id) => images.get(id) ?? new URL(assetUrl(id), window.location.href).href,
    // Notes and labels wrap as the canvas wraps them, with the fonts the page has.
    measurer: canvasMeasurer(document.createElement('canvas').getContext('2d')!),
  });
  download(new Blob([svg], { type: 'image/svg+xml' }), exportFileName(request.title, 'svg', { selection: request.selection }));
}

export function exportJson(request: ExportRequest): void {
  const file = exportTabulaFile(request.doc, [...request.shapes]);
  const text = JSON.stringify(file, null, request.shapes.length > 2_000 ? undefined : 2);
  download(new Blob([text], { type: 'application/json' }), exportFileName(request.title, 'tabula', { selection: request.selection }));
}

export async function runExport(request: ExportRequest, format: ExportFormat, scale = 1): Promise<Message | null> {
  switch (format) {
    case 'png':
      return exportPng(request, scale);
    case 'svg':
      await exportSvg(request);
      return null;
    case 'tabula':
      exportJson(request);
      return null;
  }
}
