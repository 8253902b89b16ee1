import dynamic from 'next/dynamic';
import { useId, useState, useSyncExternalStore } from 'react';
import type { BoardSession } from '../../lib/collab/board-session';
import { useI18n } from '../i18n/I18nProvider';

/** The open panel loads when Chat is first opened. */
const ChatMessages = dynamic(() => import('./ChatMessages').then((module) => module.ChatMessages));

interface Props {
  session: BoardSession;
  /** The own name and colour as others see them. */
  author: { name: string; color: string };
  /** A view-only link reads the chat but cannot write to it (the server would refuse). */
  readOnly?: boolean;
}

/** The board's chat: a button with an unread count that opens its panel (ChatMessages.tsx). */
export function ChatPanel({ session, author, readOnly = false }: Props) {
  const { t } = useI18n();
  const { chat, userId } = session;
  const unread = useSyncExternalStore(chat.subscribe, () => chat.unreadCount(userId));
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState('');
  const panelId = useId();

  return (
    <div className="relative flex flex-col items-end">
      {open && (
        <ChatMessages
          id={panelId}
          session={session}
          author={author}
          readOnly={readOnly}
          draft={draft}
          onDraftChange={setDraft}
          onClose={() => setOpen(false)}
        />
      )}
      <button
        type="button"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => setOpen((value) => !value)}
        className="relative flex h-11 items-center gap-1.5 rounded-xl border border-neutral-200 bg-white px-3 max-md:px-2 text-sm font-medium text-neutral-800 shadow-md hover:bg-neutral-50 dark:border-neutral-700 dark:bg-neutral-900 dark:text-neutral-100 dark:hover:bg-neutral-800 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600"
      >
        {t('chat.button')}
        {unread > 0 && !open && (
          <span data-testid="chat-unread" className="grid min-w-5 place-items-center rounded-full bg-red-600 px-1 text-xs text-white">
            <span aria-hidden="true">{unread > 99 ? '99+' : unread}</span>
            <span className="sr-only">{t('chat.unread', { count: unread })}</span>
          </span>
        )}
      </button>
    </div>
  );
}
