import { useCallback, useSyncExternalStore } from 'react';
import { observeTitle, storedTitle } from '../../lib/board/doc';
import { MAX_TITLE_LENGTH } from '../../lib/board/schema';
import type { Editor } from '../../lib/editor/editor';
import { useI18n } from '../i18n/I18nProvider';

/** The board's title as the Yjs document has it, '' while none is set; re-read when anyone changes it. */
export function useBoardTitle(editor: Editor): string {
  const { doc } = editor;
  const subscribe = useCallback((onChange: () => void) => observeTitle(doc, onChange), [doc]);
  return useSyncExternalStore(subscribe, () => storedTitle(doc));
}

/** The "Board title" text box: every keystroke renames the board for everyone. */
export function BoardTitle({ editor, title }: { editor: Editor; title: string }) {
  const { t } = useI18n();
  const { readOnly } = useSyncExternalStore(editor.subscribe, editor.getState);
  return (
    <input
      type="text"
      aria-label={t('board.title')}
      title={t('board.title')}
      value={title}
      placeholder={t('board.untitled')}
      maxLength={MAX_TITLE_LENGTH}
      readOnly={readOnly}
      spellCheck={false}
      onChange={(event) => editor.setTitle(event.target.value)}
      onKeyDown={(event) => {
        if (event.key === 'Enter' || event.key === 'Escape') event.currentTarget.blur();
      }}
      className="pointer-events-auto w-56 max-w-full truncate rounded-lg border border-transparent bg-white/90 px-2 py-1 text-sm font-semibold text-neutral-900 shadow-sm placeholder:text-neutral-500 hover:border-neutral-300 focus-visible:border-blue-600 focus-visible:outline-none dark:bg-neutral-900/90 dark:text-neutral-100 dark:placeholder:text-neutral-400 dark:hover:border-neutral-600"
    />
  );
}
