'use client';

import { LanguageSelect } from '../i18n/LanguageSelect';
import { useI18n } from '../i18n/I18nProvider';
import { NewBoardButton } from './NewBoardButton';
import { RecentBoards } from './RecentBoards';

export function HomePage() {
  const { t } = useI18n();
  return (
    <main className="mx-auto max-w-2xl px-6 py-16">
      <div className="flex items-start justify-between gap-4">
        <h1 className="text-3xl font-semibold tracking-tight">Tabula</h1>
        <LanguageSelect />
      </div>
      <p className="mt-2 text-neutral-600">{t('home.tagline')}</p>
      <div className="mt-8">
        <NewBoardButton />
      </div>
      <section aria-labelledby="recent-boards" className="mt-12">
        <h2 id="recent-boards" className="mb-3 text-lg font-semibold">
          {t('home.recentBoards')}
        </h2>
        <RecentBoards />
      </section>
    </main>
  );
}
