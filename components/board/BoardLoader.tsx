'use client';

import dynamic from 'next/dynamic';
import { OpeningBoard } from './OpeningBoard';

/**
 * The board's code is its own chunk, outside the page's first load. Rendered on the server (it
 * renders only "Opening the board…" there, see Board), so that Next puts a preload of that chunk
 * in the page's HTML: the browser fetches it alongside the page's first scripts instead of after
 * hydration.
 */
const Board = dynamic(() => import('./Board'), { loading: () => <OpeningBoard /> });

export function BoardLoader({ boardId }: { boardId: string }) {
  return <Board boardId={boardId} />;
}
