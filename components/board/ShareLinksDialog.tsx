import { useEffect, useId, useState } from 'react';
import { keepLinks } from '../../lib/access/kept-access';
import { absoluteLink, fetchLinks, resetLinks, type ShareLinks } from '../../lib/access/links-api';
import { SECONDARY_BUTTON } from '../ui/styles';
import { browserStorage } from '../local/browser-storage';
import { useModalDialog } from '../ui/use-modal-dialog';
import { type Message, type MessageKey, msg } from '../../lib/i18n';
import { useI18n } from '../i18n/I18nProvider';

interface Props {
  boardId: string;
  /** fetch with the page's token (the links it may hand on depend on it). */
  api: typeof fetch;
  /** The owner may reset the links. */
  isOwner: boolean;
  open: boolean;
  onClose: () => void;
}

type LinkKind = 'edit' | 'view';
const LINK_NAMES = { edit: 'share.editLink', view: 'share.viewLink' } as const satisfies Record<LinkKind, MessageKey>;

/**
 * Share's dialog (ShareDialog.tsx loads it on first use): the board's edit link and view-only link
 * (each with a copy button, and shown in a text box to copy by hand where the clipboard is not
 * available), and for the owner, "Reset links", after which the old links stop working for
 * everyone who has them.
 */
export function ShareLinksDialog({ boardId, api, isOwner, open, onClose }: Props) {
  const { t, tm } = useI18n();
  const titleId = useId();
  const ref = useModalDialog(open);
  const [links, setLinks] = useState<ShareLinks | null>(null);
  const [message, setMessage] = useState<Message | null>(null);

  useEffect(() => {
    if (!open) return;
    let current = true;
    void fetchLinks(boardId, api).then((result) => {
      if (!current) return;
      if (result.ok) setLinks(result.value);
      else setMessage(msg('share.loadFailed', { reason: result.error }));
    });
    return () => {
      current = false;
    };
  }, [open, boardId, api]);

  const copy = async (kind: LinkKind, link: string) => {
    try {
      await navigator.clipboard.writeText(absoluteLink(window.location.origin, link));
      setMessage(msg('share.copied', { link: msg(LINK_NAMES[kind]) }));
    } catch {
      setMessage(msg('share.noClipboard'));
    }
  };

  const reset = async () => {
    const result = await resetLinks(boardId, api);
    if (!result.ok) {
      setMessage(msg('share.resetFailed', { reason: result.error }));
      return;
    }
    setLinks(result.value);
    // The owner keeps the new links, as "New board" kept the first ones.
    keepLinks(browserStorage(), boardId, result.value);
    setMessage(msg('share.resetDone'));
  };

  const linkRow = (kind: LinkKind, link: string | undefined) =>
    link && (
      <div className="flex flex-col gap-1">
        <label className="flex flex-col gap-0.5 text-xs text-neutral-600 dark:text-neutral-400">
          {t(LINK_NAMES[kind])}
          <input
            readOnly
            value={absoluteLink(window.location.origin, link)}
            onFocus={(event) => event.currentTarget.select()}
            className="rounded border border-neutral-300 bg-white px-1.5 py-1 text-xs text-neutral-900 dark:border-neutral-600 dark:bg-neutral-800 dark:text-neutral-100"
          />
        </label>
        <button type="button" className={`${SECONDARY_BUTTON} self-start`} onClick={() => void copy(kind, link)}>
          {t(kind === 'edit' ? 'share.copyEdit' : 'share.copyView')}
        </button>
      </div>
    );

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={onClose}
      onClick={(event) => event.target === event.currentTarget && onClose()}
      className="m-auto w-[min(30rem,calc(100vw-2rem))] rounded-xl bg-white p-5 text-neutral-900 shadow-xl backdrop:bg-black/40 dark:bg-neutral-900 dark:text-neutral-100"
    >
      <div className="mb-3 flex items-center justify-between">
        <h2 id={titleId} className="text-lg font-semibold">
          {t('share.title')}
        </h2>
        <button type="button" onClick={onClose} className={SECONDARY_BUTTON}>
          {t('common.close')}
        </button>
      </div>
      <div className="flex flex-col gap-3">
        {!links && !message && <p className="text-sm text-neutral-600 dark:text-neutral-400">{t('share.loading')}</p>}
        {links && linkRow('edit', links.editLink)}
        {links && linkRow('view', links.viewLink)}
        {isOwner && links && (
          <div className="flex flex-col gap-1 border-t border-neutral-200 pt-3 dark:border-neutral-700">
            <p className="text-xs text-neutral-600 dark:text-neutral-400">{t('share.resetHint')}</p>
            <button type="button" className={`${SECONDARY_BUTTON} self-start`} onClick={() => void reset()}>
              {t('share.reset')}
            </button>
          </div>
        )}
        <p role="status" className="text-sm text-neutral-700 dark:text-neutral-300">
          {message && tm(message)}
        </p>
      </div>
    </dialog>
  );
}
