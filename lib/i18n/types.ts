/**
 * The shapes of a message catalogue. A message is a sentence with `{name}` placeholders, or, for
 * a sentence that depends on a count, one sentence per plural category of the language
 * (Intl.PluralRules: "one", "few", "many", "other", ...), the count in `{count}`.
 */

export type PluralCategory = Intl.LDMLPluralRule;

/** `other` is required: every language has it, and it is the fallback for a missing category. */
export type PluralForms = Readonly<Partial<Record<PluralCategory, string>> & { other: string }>;

export type MessageText = string | PluralForms;

/** The placeholder names of one sentence: `'{a} and {b}'` gives `'a' | 'b'`. */
type PlaceholdersOf<S extends string> = S extends `${string}{${infer Name}}${infer Rest}` ? Name | PlaceholdersOf<Rest> : never;

/** The placeholder names of a message (a plural message always has `count`). */
export type Placeholders<M> = M extends string
  ? PlaceholdersOf<M>
  : M extends PluralForms
    ? 'count' | PlaceholdersOf<Extract<M[keyof M], string>>
    : never;

/**
 * A message to be put in words later, in the reader's language: lib/ produces these (notices,
 * errors), components translate them. A parameter may be a message itself.
 */
export interface Message {
  readonly key: string;
  readonly params?: Readonly<Record<string, MessageParam>>;
}

export type MessageParam = string | number | Message;
