'use client';

import dynamic from 'next/dynamic';
import { OpeningBoard } from './OpeningBoard';

/**
 * The board's code (canvas, sync, editor) is a chunk of its own. Rendered on the server, this
 * loader makes Next list that chunk in the page's head, so the browser fetches it beside React
 * rather than after hydration; the board itself renders in the browser only (Board.tsx).
 */
const Board = dynamic(() => import('./Board'), { loading: OpeningBoard });

export function BoardLoader({ boardId }: { boardId: string }) {
  return <Board boardId={boardId} />;
}
