/** Putting messages in words: placeholders filled, plural forms chosen by the language's rules. */
import type { MessageKey, ParamsOf } from './catalogue';
import { LOCALES, type Locale } from './locales';
import type { Message, MessageParam, MessageText } from './types';

const pluralRules = new Map<Locale, Intl.PluralRules>();

function pluralRule(locale: Locale): Intl.PluralRules {
  let rule = pluralRules.get(locale);
  if (!rule) pluralRules.set(locale, (rule = new Intl.PluralRules(locale)));
  return rule;
}

/** The sentence of a message for a count (plural messages), or the sentence itself. */
function pick(locale: Locale, text: MessageText, count: MessageParam | undefined): string {
  if (typeof text === 'string') return text;
  const category = typeof count === 'number' ? pluralRule(locale).select(count) : 'other';
  return text[category] ?? text.other;
}

/** A message in `locale`; an unknown key (a message from a newer build) shows as the key itself. */
export function translate(locale: Locale, message: Message): string {
  const catalogue: Readonly<Record<string, MessageText>> = LOCALES[locale].messages;
  const text = Object.hasOwn(catalogue, message.key) ? catalogue[message.key]! : message.key;
  const params = message.params ?? {};
  return pick(locale, text, params.count).replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return words(locale, value);
  });
}

const numberFormats = new Map<Locale, Intl.NumberFormat>();

function numberFormat(locale: Locale): Intl.NumberFormat {
  let format = numberFormats.get(locale);
  if (!format) numberFormats.set(locale, (format = new Intl.NumberFormat(locale)));
  return format;
}

/** A parameter as text: a message translated, a number in the language's digits (20,000; 20.000), a name as it is. */
export function words(locale: Locale, value: MessageParam): string {
  if (typeof value === 'object') return translate(locale, value);
  return typeof value === 'number' ? numberFormat(locale).format(value) : value;
}

export type Translate = <K extends MessageKey>(key: K, ...params: ParamsOf<K>) => string;

/** `t(key, params)` for one language: what components call. */
export function translator(locale: Locale): Translate {
  return (key, ...params) => translate(locale, params[0] === undefined ? { key } : { key, params: params[0] });
}
