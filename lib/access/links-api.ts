/**
 * The Share dialog's side of the API:
 *
 *   GET  /api/boards/:id/links   {editLink?, viewLink}: the links the page's token may hand on
 *   POST /api/boards/:id/links   {editLink, viewLink}: new links (owner); the old ones stop working
 *
 * Links are paths (`/b/<id>#edit=<token>`); `absoluteLink` makes them what a person pastes.
 */
import { z } from '../protocol/zod';
import { type ApiResult, requestJson } from '../history/versions-api';
import { msg } from '../i18n';

const linksSchema = z.object({ editLink: z.string().startsWith('/b/').optional(), viewLink: z.string().startsWith('/b/') });
export type ShareLinks = z.infer<typeof linksSchema>;

const linksUrl = (boardId: string) => `/api/boards/${encodeURIComponent(boardId)}/links`;

function parseLinks(result: ApiResult<unknown>): ApiResult<ShareLinks> {
  if (!result.ok) return result;
  const parsed = linksSchema.safeParse(result.value);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: msg('api.unreadable') };
}

export async function fetchLinks(boardId: string, fetchImpl: typeof fetch): Promise<ApiResult<ShareLinks>> {
  return parseLinks(await requestJson(linksUrl(boardId), { cache: 'no-store' }, fetchImpl));
}

export async function resetLinks(boardId: string, fetchImpl: typeof fetch): Promise<ApiResult<ShareLinks>> {
  return parseLinks(await requestJson(linksUrl(boardId), { method: 'POST' }, fetchImpl));
}

export function absoluteLink(origin: string, link: string): string {
  return new URL(link, origin).href;
}
