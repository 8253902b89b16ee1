/**
 * The catalogue's type, from the English one (lib/i18n/en.ts, the source of every key): another
 * language's catalogue that lacks a key, or has one English lacks, does not compile.
 */
import type { en } from './en';
import type { Message, MessageParam, MessageText, Placeholders } from './types';

export type MessageKey = keyof typeof en;

export type Catalogue = { readonly [K in MessageKey]: MessageText };

/** The parameters a key takes: none, or exactly its placeholders. */
export type ParamsOf<K extends MessageKey> = [Placeholders<(typeof en)[K]>] extends [never]
  ? []
  : [params: { readonly [P in Placeholders<(typeof en)[K]>]: MessageParam }];

/** A message of a known key (the type `msg` returns). */
export interface KnownMessage<K extends MessageKey = MessageKey> extends Message {
  readonly key: K;
}

/** A message of `key`, its parameters checked against the English sentence's placeholders. */
export function msg<K extends MessageKey>(key: K, ...params: ParamsOf<K>): KnownMessage<K> {
  return params[0] === undefined ? { key } : { key, params: params[0] };
}
