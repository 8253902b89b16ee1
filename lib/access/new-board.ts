/**
 * "New board": `POST /api/boards` makes an invite board; its owner token and links are kept in
 * this browser (kept-access.ts), and the page opens the edit link.
 */
import { z } from '../protocol/zod';
import { requestJson } from '../history/versions-api';
import type { StorageLike } from '../local/storage';
import { keepLinks } from './kept-access';
import { type MessageParam, msg } from '../i18n';

const createdSchema = z.object({ id: z.string(), ownerToken: z.string(), editLink: z.string(), viewLink: z.string() });

/** Creates a board and keeps its tokens; resolves with the edit link to open, or the reason it failed. */
export async function createBoard(storage: StorageLike | null, fetchImpl: typeof fetch = fetch): Promise<{ ok: true; link: string } | { ok: false; error: MessageParam }> {
  const result = await requestJson('/api/boards', { method: 'POST' }, fetchImpl);
  if (!result.ok) return result;
  const parsed = createdSchema.safeParse(result.value);
  if (!parsed.success) return { ok: false, error: msg('api.unreadable') };
  keepLinks(storage, parsed.data.id, parsed.data);
  return { ok: true, link: parsed.data.editLink };
}
