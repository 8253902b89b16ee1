'use client';

import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import {
  isLocale,
  type Locale,
  LOCALE_COOKIE,
  LOCALE_STORAGE_KEY,
  type Message,
  negotiateLocale,
  translate,
  type Translate,
  translator,
} from '../../lib/i18n';
import { browserStorage } from '../local/browser-storage';

export interface I18n {
  locale: Locale;
  /** A key's sentence in the page's language. */
  t: Translate;
  /** A message from lib/ (a notice, an error) in the page's language. */
  tm: (message: Message) => string;
  /** Picks a language: remembered in this browser, and told to the server for the next page. */
  setLocale: (locale: Locale) => void;
}

const I18nContext = createContext<I18n | null>(null);

const ONE_YEAR_S = 365 * 24 * 60 * 60;

/** The cookie lets the server render the next page in the chosen language from the start. */
function tellServer(locale: Locale): void {
  document.cookie = `${LOCALE_COOKIE}=${locale}; path=/; max-age=${ONE_YEAR_S}; samesite=lax`;
}

/**
 * The page's language. The server renders in `initialLocale` (the cookie of an earlier choice,
 * else the request's Accept-Language); after hydration the browser's own answer wins: the choice
 * remembered in localStorage, else the first of `navigator.languages` the interface speaks. The
 * two agree unless the cookie was lost, so pages do not switch language after they appear.
 */
export function I18nProvider({ initialLocale, children }: { initialLocale: Locale; children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);

  useEffect(() => {
    const stored = browserStorage()?.getItem(LOCALE_STORAGE_KEY);
    if (isLocale(stored)) tellServer(stored);
    const wanted = isLocale(stored) ? stored : negotiateLocale(navigator.languages);
    if (wanted !== initialLocale) setLocaleState(wanted);
  }, [initialLocale]);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const setLocale = useCallback((next: Locale) => {
    setLocaleState(next);
    browserStorage()?.setItem(LOCALE_STORAGE_KEY, next);
    tellServer(next);
  }, []);

  const value = useMemo<I18n>(() => ({ locale, t: translator(locale), tm: (message) => translate(locale, message), setLocale }), [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n() outside <I18nProvider>');
  return i18n;
}
