import { cookies, headers } from 'next/headers';
import { acceptedLanguages, isLocale, type Locale, LOCALE_COOKIE, negotiateLocale } from '../lib/i18n';

/**
 * The language to render a page in on the server: the person's earlier choice (a cookie the page
 * sets), else the first of the request's Accept-Language the interface speaks. Reading the request
 * makes pages render per request, which a self-hosted server does anyway.
 */
export async function requestLocale(): Promise<Locale> {
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(chosen)) return chosen;
  return negotiateLocale(acceptedLanguages((await headers()).get('accept-language')));
}
