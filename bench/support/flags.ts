/** Command-line flags of the benches: `--name value`, and `--transport a|b|both`. */

/** The value after `--name`, or undefined when the flag is absent. */
export function flagValue(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
}

/** `--transport`: one of `transports`, or `both` (also when absent) for all of them in the order given. */
export function transportsFlag<T extends string>(argv: readonly string[], transports: readonly T[]): T[] {
  const transport = flagValue(argv, 'transport') ?? 'both';
  if (transport === 'both') return [...transports];
  if (!(transports as readonly string[]).includes(transport)) throw new Error(`--transport is ${transports.join(', ')} or both`);
  return [transport as T];
}
