import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { BoardLoader } from '../../../components/board/BoardLoader';
import { untitledName } from '../../../lib/local/recent-boards';
import { isValidBoardId } from '../../../lib/protocol/board-id';

interface Props {
  params: Promise<{ boardId: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { boardId } = await params;
  return { title: isValidBoardId(boardId) ? `${untitledName(boardId)} · Tabula` : 'Board not found · Tabula' };
}

export default async function BoardPage({ params }: Props) {
  const { boardId } = await params;
  // An id that could never name a board gets a 404 page (not-found.tsx), not a broken board.
  if (!isValidBoardId(boardId)) notFound();
  return <BoardLoader key={boardId} boardId={boardId} />;
}
