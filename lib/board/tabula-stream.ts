/**
 * Reading a `.tabula.json` file as it arrives, without holding it whole: the shapes array is
 * parsed one shape at a time (`@streamparser/json`, which keeps no emitted shape), each checked
 * against the shape schema and rounded like any import (quantize.ts), and handed on. The format,
 * version and title are checked as in `parseTabulaFile`, wherever they stand in the file.
 *
 * A problem stops the reading with a `TabulaFileError` that says which shape and why; what was
 * handed on before it is the caller's to drop.
 */
import { JSONParser } from '@streamparser/json';
import { quantizeShape } from './quantize';
import { type Shape, shapeSchema } from './schema';
import { MAX_IMPORT_SHAPES, TABULA_FORMAT, tabulaFileSchema } from './tabula-json';

export class TabulaFileError extends Error {
  override name = 'TabulaFileError';
}

export interface TabulaFileHeader {
  title?: string;
  /** Shapes read. */
  count: number;
}

const HEADER_KEYS = ['format', 'version', 'title'] as const;
type HeaderKey = (typeof HEADER_KEYS)[number];

function issueText(issues: ReadonlyArray<{ message: string; path: PropertyKey[] }>, prefix: string): string {
  const issue = issues[0];
  const path = [prefix, ...(issue?.path ?? []).map(String)].filter(Boolean).join('.');
  return `${issue?.message ?? 'invalid value'}${path ? ` at ${path}` : ''}`;
}

/** The id a broken shape claims, to name it in the error (if it has a usable one). */
function claimedId(value: unknown): string {
  const id = typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : undefined;
  return typeof id === 'string' && id.length <= 64 ? ` (id "${id}")` : '';
}

export class TabulaFileStream {
  private readonly parser = new JSONParser({ paths: [...HEADER_KEYS.map((key) => `$.${key}`), '$.shapes', '$.shapes.*'], keepStack: false });
  /** The `shapes` value, emptied of its shapes as they are read: to check that it is a list. */
  private shapes: unknown = undefined;
  private readonly header = new Map<HeaderKey, unknown>();
  private count = 0;
  private failure: TabulaFileError | null = null;

  /** `onShape` gets each valid shape, in file order (its index is its place in the file). */
  constructor(private readonly onShape: (shape: Shape, index: number) => void) {
    this.parser.onValue = ({ value, key, parent, stack }) => {
      if (stack.length > 1) {
        if (!Array.isArray(parent)) this.fail('shapes must be a list of shapes at shapes');
        // Emitted shapes are not kept: the list stays empty however long the file.
        parent.length = 0;
        this.shape(value);
      } else if (key === 'shapes') {
        this.shapes = value;
      } else {
        this.header.set(key as HeaderKey, value);
      }
    };
  }

  /** Whether the part of the file read so far says it is a Tabula file (its `format`). */
  get saysTabula(): boolean {
    return this.header.get('format') === TABULA_FORMAT;
  }

  /** Feeds the next part of the file; throws a TabulaFileError at the first problem. */
  write(chunk: Uint8Array | string): void {
    this.guard(() => this.parser.write(chunk));
  }

  /** The end of the file: checks what only the whole file can tell. */
  end(): TabulaFileHeader {
    // The parser ends by itself after the top-level value; anything short of that is a cut file.
    this.guard(() => {
      if (!this.parser.isEnded) this.parser.end();
    });
    const header = tabulaFileSchema.pick({ format: true, version: true, title: true }).safeParse(Object.fromEntries(this.header));
    if (!header.success) this.fail(issueText(header.error.issues, ''));
    if (!Array.isArray(this.shapes)) this.fail('shapes must be a list of shapes at shapes');
    return { title: header.data!.title, count: this.count };
  }

  private shape(value: unknown): void {
    const index = this.count;
    if (index >= MAX_IMPORT_SHAPES) this.fail(`at most ${MAX_IMPORT_SHAPES} shapes at shapes`);
    const parsed = shapeSchema.safeParse(value);
    if (!parsed.success) this.fail(`shape ${index + 1}${claimedId(value)}: ${issueText(parsed.error.issues, `shapes.${index}`)}`);
    this.count++;
    this.onShape(quantizeShape(parsed.data!), index);
  }

  private fail(message: string): never {
    this.failure ??= new TabulaFileError(message);
    throw this.failure;
  }

  /** Runs the parser; its own errors (JSON syntax) become TabulaFileErrors too. */
  private guard(run: () => void): void {
    if (this.failure) throw this.failure;
    try {
      run();
    } catch (error) {
      if (this.failure) throw this.failure;
      const detail = error instanceof Error ? error.message : String(error);
      this.fail(`not valid JSON: ${detail}`);
    }
  }
}
