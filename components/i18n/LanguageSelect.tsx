'use client';

import { isLocale, LOCALE_CODES, LOCALES } from '../../lib/i18n';
import { useI18n } from './I18nProvider';

/** The "Language" select: each language named in itself, so that anyone finds their own. */
export function LanguageSelect({ className = '' }: { className?: string }) {
  const { locale, t, setLocale } = useI18n();
  return (
    <select
      aria-label={t('language.label')}
      title={t('language.label')}
      value={locale}
      onChange={(event) => isLocale(event.target.value) && setLocale(event.target.value)}
      className={`rounded-md border border-neutral-300 bg-white px-1.5 py-1 text-sm text-neutral-900 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600 dark:border-neutral-600 dark:bg-neutral-800 dark:text-neutral-100 ${className}`}
    >
      {LOCALE_CODES.map((code) => (
        <option key={code} value={code} lang={code}>
          {LOCALES[code].name}
        </option>
      ))}
    </select>
  );
}
