/** Reads a request body up to a limit; a larger one is refused before it is all read. */
import type { IncomingMessage } from 'node:http';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The bytes of each request's body read so far (what the rate limit charges for a stored body). */
const bytesRead = new WeakMap<IncomingMessage, number>();

export const bodyBytesRead = (request: IncomingMessage): number => bytesRead.get(request) ?? 0;

/**
 * The body's chunks as they arrive, refused (413) past the limit before more is read; the bytes
 * read so far are what the rate limit charges.
 */
export async function* bodyChunks(request: IncomingMessage, limitBytes: number): AsyncGenerator<Buffer> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limitBytes) {
    request.resume();
    throw new HttpError(413, `the body is larger than ${limitBytes} bytes`);
  }
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    bytesRead.set(request, size);
    if (size > limitBytes) {
      request.resume();
      throw new HttpError(413, `the body is larger than ${limitBytes} bytes`);
    }
    yield chunk as Buffer;
  }
}

export async function readBody(request: IncomingMessage, limitBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of bodyChunks(request, limitBytes)) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** Parses a JSON body; an empty body is `undefined`. */
export async function readJson(request: IncomingMessage, limitBytes: number): Promise<unknown> {
  const body = await readBody(request, limitBytes);
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch (error) {
    throw new HttpError(400, `the body is not valid JSON: ${error instanceof Error ? error.message : 'parse error'}`);
  }
}
