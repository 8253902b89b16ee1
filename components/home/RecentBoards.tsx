'use client';

import Link from 'next/link';
import { useMemo, useSyncExternalStore } from 'react';
import { boardTitle, parseRecentBoards, RECENT_BOARDS_KEY } from '../../lib/local/recent-boards';
import { browserStorage } from '../local/browser-storage';
import { useI18n } from '../i18n/I18nProvider';
import { richText, slot } from '../i18n/rich-text';
import { words } from '../../lib/i18n';

function subscribe(onChange: () => void): () => void {
  // Another tab opened a board.
  window.addEventListener('storage', onChange);
  return () => window.removeEventListener('storage', onChange);
}

const readList = () => browserStorage()?.getItem(RECENT_BOARDS_KEY) ?? null;
/** On the server the list is unknown: nothing is rendered until the browser has read it. */
const unknownOnServer = () => undefined;

export function RecentBoards() {
  const { locale, t } = useI18n();
  const openedAt = useMemo(() => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }), [locale]);
  const raw = useSyncExternalStore(subscribe, readList, unknownOnServer);
  const boards = useMemo(() => (raw === undefined ? null : parseRecentBoards(raw)), [raw]);
  if (boards === null) return null;
  if (boards.length === 0) return <p className="text-neutral-600">{t('home.noRecentBoards')}</p>;
  return (
    <ul className="divide-y divide-neutral-200 rounded-lg border border-neutral-200 bg-white">
      {boards.map((board) => (
        <li key={board.id}>
          <Link
            href={`/b/${board.id}`}
            className="flex items-baseline justify-between gap-4 px-4 py-3 hover:bg-neutral-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-blue-600"
          >
            <span className="font-medium">{words(locale, boardTitle(board.id, board.title))}</span>
            <span className="text-sm text-neutral-600">
              {richText(t('home.openedAt', { time: slot('time') }), {
                time: <time dateTime={new Date(board.openedAt).toISOString()}>{openedAt.format(board.openedAt)}</time>,
              })}
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
