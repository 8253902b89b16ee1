/**
 * Uploaded images:
 *
 *   POST /api/boards/:id/assets   raw bytes → 201 {id, url, contentType, bytes}
 *   GET  /api/assets/:assetId     the bytes, cached forever (an asset never changes)
 *
 * The type is read from the bytes, never from the name or the request's header; anything but
 * PNG, JPEG, GIF or WebP is refused (415), and so is anything over 10 MB (413).
 */
import type { IncomingMessage } from 'node:http';
import { ASSET_HEADERS } from '../security/headers';
import { newAssetId } from '../store/ids';
import { type BoardAccess, boardExists } from './board-docs';
import { HttpError, readBody } from './body';
import type { Respond } from './respond';

export const MAX_ASSET_BYTES = 10 * 1024 * 1024;
const ASSET_ID = /^[A-Za-z0-9_-]{16,64}$/;

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0) =>
  signature.every((byte, index) => bytes[offset + index] === byte);

/** The image type of a file, from its first bytes, or null. */
export function sniffImageType(bytes: Uint8Array): string | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38]) && (bytes[4] === 0x37 || bytes[4] === 0x39) && bytes[5] === 0x61) return 'image/gif';
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  return null;
}

export async function uploadAsset(request: IncomingMessage, boardId: string, access: BoardAccess, respond: Respond): Promise<void> {
  if (request.method !== 'POST') throw new HttpError(405, 'use POST to upload a file');
  if (!(await boardExists(boardId, access))) throw new HttpError(404, 'board not found');
  const bytes = new Uint8Array(await readBody(request, MAX_ASSET_BYTES));
  const contentType = sniffImageType(bytes);
  if (!contentType) throw new HttpError(415, 'only PNG, JPEG, GIF and WebP images can be uploaded');
  const id = newAssetId();
  await access.store.putAsset({ id, boardId, contentType, bytes });
  respond(201, { id, url: `/api/assets/${id}`, contentType, bytes: bytes.byteLength });
}

export async function serveAsset(request: IncomingMessage, assetId: string, access: BoardAccess, respond: Respond): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') throw new HttpError(405, 'use GET to read a file');
  if (!ASSET_ID.test(assetId)) throw new HttpError(400, 'not an asset id');
  const asset = await access.store.getAsset(assetId);
  if (!asset) throw new HttpError(404, 'asset not found');
  respond(200, asset.bytes, {
    'content-type': asset.contentType,
    'cache-control': 'public, max-age=31536000, immutable',
    ...ASSET_HEADERS,
  });
}
