/**
 * The languages of the interface: one catalogue file each, one line here. To add a language, copy
 * en.ts to <code>.ts, translate it (the type checker lists what is missing), and add its line.
 */
import type { Catalogue } from './catalogue';
import { de } from './de';
import { en } from './en';
import { fr } from './fr';

export const LOCALES = {
  en: { name: 'English', messages: en },
  de: { name: 'Deutsch', messages: de },
  fr: { name: 'Français', messages: fr },
} as const satisfies Record<string, { name: string; messages: Catalogue }>;

export type Locale = keyof typeof LOCALES;

export const DEFAULT_LOCALE: Locale = 'en';
export const LOCALE_CODES = Object.keys(LOCALES) as Locale[];

/** Where the browser remembers the person's choice (localStorage), and the cookie that tells the server. */
export const LOCALE_STORAGE_KEY = 'tabula:locale';
export const LOCALE_COOKIE = 'tabula-locale';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && Object.hasOwn(LOCALES, value);
}

/**
 * The first of the person's languages (most preferred first, as `navigator.languages` or
 * Accept-Language list them) that the interface speaks; a regional tag matches its language
 * ("de-AT" is German). English when none does.
 */
export function negotiateLocale(languages: readonly string[]): Locale {
  for (const tag of languages) {
    const language = tag.trim().toLowerCase().split(/[-_]/)[0];
    if (isLocale(language)) return language;
  }
  return DEFAULT_LOCALE;
}

/** The languages of an Accept-Language header, most preferred first. */
export function acceptedLanguages(header: string | null | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...options] = part.trim().split(';');
      const q = options.map((option) => /^\s*q=([\d.]+)\s*$/.exec(option)?.[1]).find((value) => value !== undefined);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.tag && entry.tag !== '*' && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((entry) => entry.tag);
}
