import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { BoardLoader } from '../../../components/board/BoardLoader';
import { FirstView } from '../../../components/board/FirstView';
import { msg, translator } from '../../../lib/i18n';
import { untitledName } from '../../../lib/local/recent-boards';
import { isValidBoardId } from '../../../lib/protocol/board-id';
import { requestLocale } from '../../request-locale';

interface Props {
  params: Promise<{ boardId: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { boardId } = await params;
  const t = translator(await requestLocale());
  return { title: t('app.withName', { title: isValidBoardId(boardId) ? untitledName(boardId) : msg('notFound.boardPageTitle') }) };
}

export default async function BoardPage({ params }: Props) {
  const { boardId } = await params;
  // An id that could never name a board gets a 404 page (not-found.tsx), not a broken board.
  if (!isValidBoardId(boardId)) notFound();
  return (
    <>
      <FirstView boardId={boardId} />
      <BoardLoader key={boardId} boardId={boardId} />
    </>
  );
}
