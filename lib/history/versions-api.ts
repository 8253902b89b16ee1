/**
 * The browser's client of a board's version history:
 *
 *   GET  /api/boards/:id/versions             200 [{id, name, createdAt, auto}], newest first
 *   POST /api/boards/:id/versions {name?}     201 {id, name, createdAt, auto: false}
 *   GET  /api/boards/:id/versions/:versionId  200 {id, name, createdAt, title, shapes}
 *
 * Answers are checked before use; a shape that does not match the schema is left out.
 */
import { z } from '../protocol/zod';
import { type Shape, shapeSchema } from '../board/schema';
import { type MessageParam, msg } from '../i18n';

export const MAX_VERSION_NAME_LENGTH = 100;

const versionSchema = z.object({
  id: z.string().min(1),
  name: z.string().nullish(),
  /** An ISO date string or milliseconds since the epoch. */
  createdAt: z.union([z.string(), z.number()]),
  auto: z.boolean().optional().default(false),
});

export interface VersionInfo {
  id: string;
  name: string | null;
  createdAt: Date;
  auto: boolean;
}

export interface VersionContent extends VersionInfo {
  title: string | null;
  shapes: Shape[];
  /** Shapes in the version that do not match the schema (left out). */
  invalid: number;
}

/** A refusal's reason: the server's own words (English), or a message of this page's. */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: MessageParam };

function toInfo(raw: z.infer<typeof versionSchema>): VersionInfo {
  return { id: raw.id, name: raw.name?.trim() || null, createdAt: new Date(raw.createdAt), auto: raw.auto };
}

/** A JSON request to the server's API; a refusal's reason is the server's `error`. */
export async function requestJson(url: string, init: RequestInit, fetchImpl: typeof fetch): Promise<ApiResult<unknown>> {
  let response: Response;
  try {
    response = await fetchImpl(url, { ...init, headers: { accept: 'application/json', ...init.headers } });
  } catch {
    return { ok: false, error: msg('api.unreachable') };
  }
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // An answer without a JSON body: only the status says something.
  }
  if (!response.ok) {
    const reason = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
    return { ok: false, error: typeof reason === 'string' ? reason : msg('api.status', { status: response.status }) };
  }
  return { ok: true, value: body };
}

const base = (boardId: string) => `/api/boards/${encodeURIComponent(boardId)}/versions`;

/** The versions, newest first. */
export async function listVersions(boardId: string, fetchImpl: typeof fetch = fetch): Promise<ApiResult<VersionInfo[]>> {
  const result = await requestJson(base(boardId), { cache: 'no-store' }, fetchImpl);
  if (!result.ok) return result;
  const parsed = z.array(versionSchema).safeParse(result.value);
  if (!parsed.success) return { ok: false, error: msg('api.unreadable') };
  return { ok: true, value: parsed.data.map(toInfo).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()) };
}

/** Saves the board as it is now, with an optional name. */
export async function saveVersion(boardId: string, name: string, fetchImpl: typeof fetch = fetch): Promise<ApiResult<VersionInfo>> {
  const trimmed = name.trim().slice(0, MAX_VERSION_NAME_LENGTH);
  const result = await requestJson(
    base(boardId),
    { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(trimmed ? { name: trimmed } : {}) },
    fetchImpl,
  );
  if (!result.ok) return result;
  const parsed = versionSchema.safeParse(result.value);
  if (!parsed.success) return { ok: false, error: msg('api.unreadable') };
  return { ok: true, value: toInfo(parsed.data) };
}

/** One version's shapes (valid ones, in their stored form). */
export async function fetchVersion(boardId: string, versionId: string, fetchImpl: typeof fetch = fetch): Promise<ApiResult<VersionContent>> {
  const result = await requestJson(`${base(boardId)}/${encodeURIComponent(versionId)}`, { cache: 'no-store' }, fetchImpl);
  if (!result.ok) return result;
  const parsed = versionSchema.extend({ title: z.string().nullish(), shapes: z.array(z.unknown()) }).safeParse(result.value);
  if (!parsed.success) return { ok: false, error: msg('api.unreadable') };
  const shapes: Shape[] = [];
  let invalid = 0;
  for (const raw of parsed.data.shapes) {
    const shape = shapeSchema.safeParse(raw);
    if (shape.success) shapes.push(shape.data);
    else invalid++;
  }
  return { ok: true, value: { ...toInfo(parsed.data), title: parsed.data.title ?? null, shapes, invalid } };
}
