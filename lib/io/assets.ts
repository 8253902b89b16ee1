/**
 * Images on a board: which files are images Tabula takes (judged from their first bytes, as the
 * server does, not from their name), uploading one (`POST /api/boards/:id/assets`), and where its
 * shape goes.
 */
import type { Box, Point } from '../geometry/types';
import { type Message, type MessageParam, msg } from '../i18n';

/** The server refuses larger files with 413. */
export const MAX_ASSET_BYTES = 10 * 1024 * 1024;
/** A new image shape's longer side, at most, in board units; smaller images keep their size. */
export const MAX_IMAGE_SIDE = 1000;

export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];

const startsWith = (bytes: Uint8Array, prefix: readonly number[], offset = 0) =>
  bytes.length >= offset + prefix.length && prefix.every((byte, i) => bytes[offset + i] === byte);
const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));

/** The image type from a file's first 12 bytes, or null if it is none of PNG, JPEG, GIF, WebP. */
export function sniffImageType(bytes: Uint8Array): ImageType | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'image/gif';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  return null;
}

export const SNIFF_BYTES = 12;

export type DroppedFileKind = 'image' | 'board' | 'unsupported-image';

/** How to treat a dropped, pasted or picked file: an image to upload, or a board file to import. */
export function classifyFile(file: { type: string }, head: Uint8Array): DroppedFileKind {
  if (sniffImageType(head)) return 'image';
  if (file.type.startsWith('image/')) return 'unsupported-image';
  return 'board';
}

export function formatBytes(bytes: number): MessageParam {
  if (bytes < 1024) return msg('files.bytes', { count: bytes });
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Why an image file cannot be added, as a sentence for the user, or null if it can. */
export function imageFileProblem(file: { name: string; type: string; size: number }, head: Uint8Array): Message | null {
  const name = file.name ? msg('files.quoted', { name: file.name }) : msg('files.thisImage');
  if (!sniffImageType(head)) return file.type ? msg('files.notSupportedImageOfType', { name, type: file.type }) : msg('files.notSupportedImage', { name });
  if (file.size > MAX_ASSET_BYTES) return msg('files.imageTooLarge', { name, size: formatBytes(file.size), max: formatBytes(MAX_ASSET_BYTES) });
  return null;
}

/** The box of a new image: its natural size (the longer side capped) centred at `center`. */
export function imageBox(natural: { width: number; height: number }, center: Point, maxSide = MAX_IMAGE_SIDE): Box {
  const width = Math.max(1, natural.width);
  const height = Math.max(1, natural.height);
  const scale = Math.min(1, maxSide / Math.max(width, height));
  const w = Math.max(1, Math.round(width * scale));
  const h = Math.max(1, Math.round(height * scale));
  return { x: Math.round(center.x - w / 2), y: Math.round(center.y - h / 2), w, h };
}

export interface UploadedAsset {
  id: string;
  url: string;
  contentType: string;
  bytes: number;
}

export type UploadResult = { ok: true; asset: UploadedAsset } | { ok: false; error: Message };

async function serverReason(response: Response): Promise<string | null> {
  try {
    const body: unknown = await response.json();
    const error = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
    return typeof error === 'string' ? error : null;
  } catch {
    return null;
  }
}

/** Uploads the file's bytes to the board; the error is a sentence for the user. */
export async function uploadAsset(
  boardId: string,
  body: Blob,
  fetchImpl: typeof fetch = fetch,
): Promise<UploadResult> {
  let response: Response;
  try {
    response = await fetchImpl(`/api/boards/${encodeURIComponent(boardId)}/assets`, {
      method: 'POST',
      headers: { 'content-type': body.type || 'application/octet-stream' },
      body,
    });
  } catch {
    return { ok: false, error: msg('files.uploadUnreachable') };
  }
  if (response.status === 201) {
    const asset = (await response.json()) as UploadedAsset;
    if (typeof asset?.id === 'string') return { ok: true, asset };
    return { ok: false, error: msg('files.uploadUnexpected') };
  }
  const reason = await serverReason(response);
  switch (response.status) {
    case 413:
      return { ok: false, error: reason ? msg('files.uploadTooLargeBecause', { reason }) : msg('files.uploadTooLarge') };
    case 415:
      return { ok: false, error: reason ? msg('files.uploadWrongTypeBecause', { reason }) : msg('files.uploadWrongType') };
    default:
      return { ok: false, error: reason ? msg('files.uploadFailedBecause', { status: response.status, reason }) : msg('files.uploadFailed', { status: response.status }) };
  }
}
