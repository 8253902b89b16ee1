/**
 * `POST /api/boards` with a Tabula JSON body: the board is built as the body arrives. The shapes
 * array is parsed one shape at a time (lib/board/tabula-stream.ts), each shape checked against the
 * shape schema, and written to a new document in batches, so that a board of 100,000 shapes never
 * exists as one JSON string or one array of objects. Nothing is stored until the whole body has
 * been read and found valid: a broken file creates nothing, and its error names the shape and why.
 */
import type { IncomingMessage } from 'node:http';
import * as Y from 'yjs';
import { DEFAULT_TITLE, setTitle, writeShapes } from '../../lib/board/doc';
import type { Shape } from '../../lib/board/schema';
import { TabulaFileError, TabulaFileStream } from '../../lib/board/tabula-stream';
import { MAX_IMPORT_BYTES } from '../../lib/protocol/limits';
import { bodyChunks, HttpError } from './body';

/** Shapes written to the document per transaction while the body arrives. */
const SHAPES_PER_WRITE = 1_000;

/**
 * The board the body describes (an empty board for an empty body), as a document with `origin`
 * on its edits. Throws HttpError 400 with the reason for a broken file, 413 past MAX_IMPORT_BYTES.
 */
export async function readBoardBody(request: IncomingMessage, origin: unknown): Promise<Y.Doc> {
  const doc = new Y.Doc();
  let batch: Shape[] = [];
  const flush = () => {
    writeShapes(doc, batch, origin);
    batch = [];
  };
  const reader = new TabulaFileStream((shape) => {
    batch.push(shape);
    if (batch.length >= SHAPES_PER_WRITE) flush();
  });
  let bytes = 0;
  let failure: TabulaFileError | null = null;
  try {
    for await (const chunk of bodyChunks(request, MAX_IMPORT_BYTES)) {
      bytes += chunk.length;
      // After a problem the rest is read and dropped: leaving the loop would destroy the request,
      // and the client would get a broken connection instead of the reason.
      if (failure) continue;
      try {
        reader.write(chunk);
      } catch (error) {
        if (!(error instanceof TabulaFileError)) throw error;
        failure = error;
        batch = [];
      }
    }
    if (failure) throw failure;
    const header = bytes === 0 ? { title: undefined } : reader.end();
    flush();
    setTitle(doc, header.title ?? DEFAULT_TITLE, origin);
    return doc;
  } catch (error) {
    doc.destroy();
    if (!(error instanceof TabulaFileError)) throw error;
    throw new HttpError(400, `not a valid Tabula file: ${error.message}`);
  }
}
