/**
 * The parts of zod that lib/ uses, named one by one, for lib/protocol/zod.ts to gather into `z`.
 * Named imports let the bundler leave out the rest of zod: `z` from 'zod' itself is every export
 * at once, its ~170 KB of error-message locales included, in the board page's first load.
 */
export {
  array,
  boolean,
  coerce,
  config,
  custom,
  discriminatedUnion,
  enum,
  literal,
  NEVER,
  number,
  object,
  record,
  string,
  tuple,
  union,
  unknown,
} from 'zod';
export type * from 'zod';
