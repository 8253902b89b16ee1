'use client';

import Link from 'next/link';
import { useMemo, useSyncExternalStore } from 'react';
import { boardTitle, parseRecentBoards, RECENT_BOARDS_KEY } from '../../lib/local/recent-boards';
import { browserStorage } from '../local/browser-storage';

function subscribe(onChange: () => void): () => void {
  // Another tab opened a board.
  window.addEventListener('storage', onChange);
  return () => window.removeEventListener('storage', onChange);
}

const readList = () => browserStorage()?.getItem(RECENT_BOARDS_KEY) ?? null;
/** On the server the list is unknown: nothing is rendered until the browser has read it. */
const unknownOnServer = () => undefined;

const openedAt = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function RecentBoards() {
  const raw = useSyncExternalStore(subscribe, readList, unknownOnServer);
  const boards = useMemo(() => (raw === undefined ? null : parseRecentBoards(raw)), [raw]);
  if (boards === null) return null;
  if (boards.length === 0) return <p className="text-neutral-500">Boards you open will appear here.</p>;
  return (
    <ul className="divide-y divide-neutral-200 rounded-lg border border-neutral-200 bg-white">
      {boards.map((board) => (
        <li key={board.id}>
          <Link
            href={`/b/${board.id}`}
            className="flex items-baseline justify-between gap-4 px-4 py-3 hover:bg-neutral-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-blue-600"
          >
            <span className="font-medium">{boardTitle(board.id, board.title)}</span>
            <span className="text-sm text-neutral-500">
              opened <time dateTime={new Date(board.openedAt).toISOString()}>{openedAt.format(board.openedAt)}</time>
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
