/** Structured JSON logs (pino): one line per event, machine-readable, to stdout. */
import { type DestinationStream, pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = { level, base: { service: 'tabula' } };
  return destination ? pino(options, destination) : pino(options);
}

/** For code that may log but was given no logger (a store opened by a script or a test). */
export const silentLogger: Logger = pino({ level: 'silent' });

/**
 * Text that came from outside (a header, a path, a parser's message quoting its input), cut to
 * `max` characters before it is echoed in an answer or written to a log line.
 */
export function clip(text: string, max = 200): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters)`;
}
