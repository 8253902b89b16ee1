import dynamic from 'next/dynamic';
import { type ChangeEvent, useId, useMemo, useRef, useState } from 'react';
import type { Editor } from '../../lib/editor/editor';
import { IMAGE_TYPES } from '../../lib/io/assets';
import { addFilesLater } from './add-files-later';
import type { FileTarget } from './board-files';
import { ExportMenu } from './ExportMenu';
import { PANEL_BUTTON } from '../ui/styles';
import { useFileDrop } from './useFileDrop';
import { useI18n } from '../i18n/I18nProvider';

/** Loaded when History is first opened: restoring and previewing versions is not needed to draw. */
const HistoryPanel = dynamic(() => import('../history/HistoryPanel').then((module) => module.HistoryPanel));

const ACCEPT = ['.json', '.tabula.json', '.excalidraw', 'application/json', ...IMAGE_TYPES].join(',');

interface Props {
  boardId: string;
  editor: Editor;
  /** fetch for the board's API with the page's token. */
  api: typeof fetch;
  /** Import and saving versions need an edit link; restoring a version the owner's (lib/access). */
  canEdit: boolean;
  canRestore: boolean;
  /** On narrow screens the file actions hide behind a "Menu" button until it is pressed. */
  menuOpen: boolean;
  onToggleMenu: () => void;
}

/**
 * What takes a board in and out: Export, Import (and files dropped or pasted anywhere on the
 * page), and the version History. Their messages go to the editor's notices.
 */
export function DataPanel({ boardId, editor, api, canEdit, canRestore, menuOpen, onToggleMenu }: Props) {
  const { t } = useI18n();
  const [historyOpen, setHistoryOpen] = useState(false);
  const historyId = useId();
  const groupId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const target = useMemo<FileTarget>(() => ({ boardId, editor, api }), [boardId, editor, api]);
  const dragging = useFileDrop(target);

  const onPick = (event: ChangeEvent<HTMLInputElement>) => {
    const files = [...(event.target.files ?? [])];
    // Cleared so that picking the same file again imports it again.
    event.target.value = '';
    if (files.length > 0) void addFilesLater(target, files, editor.viewCenter());
  };

  return (
    <>
      <div className="pointer-events-auto flex min-w-0 flex-col items-start gap-2">
        <button
          type="button"
          className={`${PANEL_BUTTON} border border-neutral-200 bg-white shadow-md md:hidden dark:border-neutral-700 dark:bg-neutral-900`}
          aria-expanded={menuOpen}
          aria-controls={groupId}
          onClick={onToggleMenu}
        >
          {t('board.menu')}
        </button>
        <div
          id={groupId}
          role="group"
          aria-label={t('data.group')}
          className={`flex items-center gap-1 rounded-xl border border-neutral-200 dark:border-neutral-700 bg-white dark:bg-neutral-900 p-1 shadow-md ${menuOpen ? '' : 'max-md:hidden'}`}
        >
          <ExportMenu editor={editor} />
          {canEdit && (
            <>
              <button type="button" className={PANEL_BUTTON} onClick={() => inputRef.current?.click()}>
                {t('data.import')}
              </button>
              <input ref={inputRef} type="file" accept={ACCEPT} multiple hidden data-testid="import-input" onChange={onPick} />
            </>
          )}
          <button
            type="button"
            className={PANEL_BUTTON}
            aria-expanded={historyOpen}
            aria-controls={historyOpen ? historyId : undefined}
            onClick={() => setHistoryOpen(!historyOpen)}
          >
            {t('data.history')}
          </button>
        </div>
        {historyOpen && <HistoryPanel id={historyId} boardId={boardId} editor={editor} api={api} canSave={canEdit} canRestore={canRestore} />}
      </div>
      {dragging && (
        <div aria-hidden="true" className="pointer-events-none fixed inset-3 z-30 grid place-items-center rounded-2xl border-2 border-dashed border-blue-500 bg-blue-50/40 dark:bg-blue-950/40">
          <p className="rounded-lg bg-white dark:bg-neutral-900 px-4 py-2 text-sm font-medium text-blue-800 dark:text-blue-200 shadow">{t('data.drop')}</p>
        </div>
      )}
    </>
  );
}
