'use client';

import Link from 'next/link';
import { useI18n } from '../i18n/I18nProvider';

/** The 404 page: of any address, or of a board link whose id cannot name a board. */
export function NotFound({ board = false }: { board?: boolean }) {
  const { t } = useI18n();
  return (
    <main className="mx-auto max-w-2xl px-6 py-16">
      <h1 className="text-2xl font-semibold">{t(board ? 'notFound.boardTitle' : 'notFound.title')}</h1>
      <p className="mt-2 text-neutral-600">{t(board ? 'notFound.boardBody' : 'notFound.body')}</p>
      <Link href="/" className="mt-6 inline-block text-blue-700 underline hover:text-blue-900">
        {t('notFound.home')}
      </Link>
    </main>
  );
}
