'use client';

import dynamic from 'next/dynamic';

/**
 * The board runs in the browser only: it needs the canvas, local storage and a socket, and there
 * is nothing useful to render on the server.
 */
const Board = dynamic(() => import('./Board'), {
  ssr: false,
  loading: () => <p className="p-6 text-neutral-500">Opening the board…</p>,
});

export function BoardLoader({ boardId }: { boardId: string }) {
  return <Board boardId={boardId} />;
}
