'use client';

import { useRouter } from 'next/navigation';
import { newBoardId } from '../../lib/protocol/board-id';

/** Opens a new board; its id is generated here, in the browser. */
export function NewBoardButton() {
  const router = useRouter();
  return (
    <button
      type="button"
      onClick={() => router.push(`/b/${newBoardId()}`)}
      className="rounded-lg bg-blue-600 px-5 py-2.5 font-medium text-white shadow-sm hover:bg-blue-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
    >
      New board
    </button>
  );
}
