import dynamic from 'next/dynamic';
import { useState } from 'react';
import { PRIMARY_BUTTON } from '../ui/styles';
import { useOpenedOnce } from '../ui/use-opened-once';
import { useI18n } from '../i18n/I18nProvider';

/** The dialog and the links API load when Share is first pressed. */
const ShareLinksDialog = dynamic(() => import('./ShareLinksDialog').then((module) => module.ShareLinksDialog));

interface Props {
  boardId: string;
  /** fetch with the page's token (the links it may hand on depend on it). */
  api: typeof fetch;
  /** The owner may reset the links. */
  isOwner: boolean;
}

/**
 * "Share": a button that opens a dialog with the board's edit link and view-only link, and for
 * the owner "Reset links" (ShareLinksDialog.tsx).
 */
export function ShareDialog({ boardId, api, isOwner }: Props) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const mounted = useOpenedOnce(open);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} className={PRIMARY_BUTTON}>
        {t('share.button')}
      </button>
      {mounted && <ShareLinksDialog boardId={boardId} api={api} isOwner={isOwner} open={open} onClose={() => setOpen(false)} />}
    </>
  );
}
