/**
 * For tests: a message, or a result or list holding messages, with every message put in English
 * (the sentences tests compare with). Anything else is returned as it is.
 */
import { translate } from './translate';
import type { Message } from './types';

function isMessage(value: object): value is Message {
  return typeof (value as { key?: unknown }).key === 'string' && Object.keys(value).every((key) => key === 'key' || key === 'params');
}

export function english<T>(value: T): unknown {
  if (Array.isArray(value)) return value.map(english);
  if (typeof value !== 'object' || value === null) return value;
  if (isMessage(value)) return translate('en', value);
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, english(inner)]));
}
