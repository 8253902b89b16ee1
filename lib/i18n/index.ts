export type { Catalogue, KnownMessage, MessageKey, ParamsOf } from './catalogue';
export { msg } from './catalogue';
export { acceptedLanguages, DEFAULT_LOCALE, isLocale, LOCALE_CODES, LOCALE_COOKIE, LOCALE_STORAGE_KEY, LOCALES, type Locale, negotiateLocale } from './locales';
export { translate, type Translate, translator, words } from './translate';
export type { Message, MessageParam, MessageText, PluralForms } from './types';
