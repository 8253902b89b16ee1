import { type FormEvent, type KeyboardEvent, useEffect, useId, useMemo, useRef, useSyncExternalStore } from 'react';
import type { BoardSession } from '../../lib/collab/board-session';
import { chatText } from '../../lib/collab/chat';
import { MAX_CHAT_TEXT_LENGTH } from '../../lib/board/schema';
import { useI18n } from '../i18n/I18nProvider';

interface Props {
  id: string;
  session: BoardSession;
  /** The own name and colour as others see them. */
  author: { name: string; color: string };
  readOnly: boolean;
  /** The text being written, kept by ChatPanel while the panel is closed. */
  draft: string;
  onDraftChange: (draft: string) => void;
  onClose: () => void;
}

/**
 * The chat's open panel (ChatPanel.tsx loads it on first use): the messages, and a box to write
 * one. Enter sends, Shift+Enter starts a new line. Messages are rendered as text.
 */
export function ChatMessages({ id, session, author, readOnly, draft, onDraftChange, onClose }: Props) {
  const { t, locale } = useI18n();
  const time = useMemo(() => new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }), [locale]);
  const { chat, userId } = session;
  const messages = useSyncExternalStore(chat.subscribe, chat.getMessages);
  const logRef = useRef<HTMLOListElement>(null);
  const inputId = useId();

  // While the panel is open, what arrives is read, and the newest message is in view.
  useEffect(() => {
    chat.markAllRead();
    const log = logRef.current;
    if (log) log.scrollTop = log.scrollHeight;
  }, [messages, chat]);

  const send = () => {
    if (!chatText(draft)) return;
    chat.send({ id: userId, name: author.name, color: author.color }, draft);
    onDraftChange('');
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
    if (event.key === 'Escape') onClose();
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    send();
  };

  return (
    <section
      id={id}
      aria-label={t('chat.button')}
      className="absolute bottom-full right-0 mb-2 flex max-h-[60vh] w-80 max-w-[calc(100vw-1.5rem)] flex-col rounded-xl border border-neutral-200 bg-white shadow-lg dark:border-neutral-700 dark:bg-neutral-900"
    >
      <ol ref={logRef} role="log" aria-label={t('chat.messages')} className="flex min-h-24 flex-col gap-2 overflow-y-auto p-3 text-sm">
        {messages.length === 0 && <li className="text-neutral-600 dark:text-neutral-400">{t('chat.empty')}</li>}
        {messages.map((message) => (
          <li key={message.id} className="flex flex-col">
            <span className="flex items-baseline gap-1.5 text-xs">
              <span aria-hidden="true" className="size-2 shrink-0 self-center rounded-full" style={{ backgroundColor: message.color }} />
              <span className="max-w-40 truncate font-semibold text-neutral-900 dark:text-neutral-100">
                {message.author}
              </span>
              <time dateTime={new Date(message.at).toISOString()} className="text-neutral-600 dark:text-neutral-400">
                {time.format(message.at)}
              </time>
            </span>
            <p className="whitespace-pre-wrap break-words text-neutral-900 dark:text-neutral-100">{message.text}</p>
          </li>
        ))}
      </ol>
      {readOnly ? (
        <p className="border-t border-neutral-200 p-2 text-xs text-neutral-600 dark:border-neutral-700 dark:text-neutral-400">{t('chat.viewOnly')}</p>
      ) : (
        <form onSubmit={onSubmit} className="flex items-end gap-2 border-t border-neutral-200 p-2 dark:border-neutral-700">
          <label htmlFor={inputId} className="sr-only">
            {t('chat.message')}
          </label>
          <textarea
            id={inputId}
            rows={2}
            value={draft}
            maxLength={MAX_CHAT_TEXT_LENGTH}
            placeholder={t('chat.placeholder')}
            onChange={(event) => onDraftChange(event.target.value)}
            onKeyDown={onKeyDown}
            autoFocus
            className="min-w-0 flex-1 resize-none rounded-md border border-neutral-300 bg-white px-2 py-1 text-sm text-neutral-900 placeholder:text-neutral-500 dark:border-neutral-600 dark:bg-neutral-800 dark:text-neutral-100 dark:placeholder:text-neutral-400 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600"
          />
          <button
            type="submit"
            disabled={!chatText(draft)}
            className="rounded-md bg-blue-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-700 disabled:opacity-40 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600"
          >
            {t('chat.send')}
          </button>
        </form>
      )}
    </section>
  );
}
