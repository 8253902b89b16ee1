/**
 * The `.tabula.json` file format: a board's title and shapes, versioned so that later versions
 * can read files written by earlier ones.
 *
 *   { "format": "tabula", "version": 1, "title": "...", "shapes": [ <shape>, ... ] }
 *
 * Shapes follow the shape schema (lib/board/schema.ts). Ids are kept; an importer that adds the
 * shapes to an existing board gives them new ids so that nothing is overwritten.
 */
import { z } from '../protocol/zod';
import type * as Y from 'yjs';
import { readShapes, readTitle } from './doc';
import { quantizeShape } from './quantize';
import { MAX_TITLE_LENGTH, type Shape, shapeSchema } from './schema';

export const TABULA_FORMAT = 'tabula';
export const TABULA_FORMAT_VERSION = 1;
/** An import with more shapes than this is refused. */
export const MAX_IMPORT_SHAPES = 100_000;

export const tabulaFileSchema = z.object({
  format: z.literal(TABULA_FORMAT, { message: 'not a Tabula file (format must be "tabula")' }),
  version: z.literal(TABULA_FORMAT_VERSION, { message: `unsupported version (this server reads version ${TABULA_FORMAT_VERSION})` }),
  title: z.string().max(MAX_TITLE_LENGTH).optional(),
  shapes: z.array(shapeSchema).max(MAX_IMPORT_SHAPES, { message: `at most ${MAX_IMPORT_SHAPES} shapes` }),
});

export type TabulaFile = z.infer<typeof tabulaFileSchema>;

export function exportTabulaFile(doc: Y.Doc, shapes: readonly Shape[] = readShapes(doc).shapes): TabulaFile {
  return { format: TABULA_FORMAT, version: TABULA_FORMAT_VERSION, title: readTitle(doc), shapes: [...shapes] };
}

export type ParseResult = { ok: true; file: TabulaFile } | { ok: false; error: string };

/** Checks an untrusted value; the error names the first problem and where it is. */
export function parseTabulaFile(value: unknown): ParseResult {
  const result = tabulaFileSchema.safeParse(value);
  // Imported coordinates are rounded to what a screen shows (quantize.ts).
  if (result.success) return { ok: true, file: { ...result.data, shapes: result.data.shapes.map(quantizeShape) } };
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
  return { ok: false, error: `${issue?.message ?? 'invalid file'}${where}` };
}
