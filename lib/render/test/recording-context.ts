/**
 * A stand-in 2D context for tests: records every method called on it with its arguments, and
 * every property set (as `fillStyle=#fff`), in order. `calls` has the method names alone.
 */
export interface RecordedCall {
  name: string;
  args: unknown[];
}

export function recordingContext(): { ctx: CanvasRenderingContext2D; calls: string[]; log: RecordedCall[] } {
  const calls: string[] = [];
  const log: RecordedCall[] = [];
  const target: Record<string | symbol, unknown> = {
    globalAlpha: 1,
    measureText: (text: string) => ({ width: text.length * 10 }),
  };
  const ctx = new Proxy(target, {
    get: (object, name) =>
      name in object
        ? object[name]
        : (...args: unknown[]) => {
            calls.push(String(name));
            log.push({ name: String(name), args });
          },
    set: (object, name, value) => {
      object[name] = value;
      log.push({ name: `${String(name)}=${String(value)}`, args: [] });
      return true;
    },
  });
  return { ctx: ctx as unknown as CanvasRenderingContext2D, calls, log };
}

/** The log as short lines, `rect(10,10,100,50)` or `fillStyle=#fff`, for exact comparisons. */
export function logLines(log: readonly RecordedCall[]): string[] {
  const value = (arg: unknown) => (typeof arg === 'number' ? String(Math.round(arg * 1000) / 1000) : Array.isArray(arg) ? `[${arg.join(',')}]` : String(arg));
  return log.map((call) => (call.name.includes('=') ? call.name : `${call.name}(${call.args.map(value).join(',')})`));
}
