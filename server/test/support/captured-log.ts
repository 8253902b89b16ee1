/** A logger whose JSON lines are kept for a test to read (what the server logged, and how). */
import { createLogger, type Logger } from '../../log';

export interface LogLine {
  level: number;
  msg: string;
  err?: { code?: string; message?: string };
  [field: string]: unknown;
}

export function capturedLogger(level = 'debug'): { log: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const log = createLogger(level, { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) });
  return { log, lines };
}
