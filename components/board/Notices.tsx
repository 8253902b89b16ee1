import { useSyncExternalStore } from 'react';
import { type Notice, NOTICE_KINDS, type NoticeStore } from '../../lib/notices/notice-store';
import { useI18n } from '../i18n/I18nProvider';

function NoticeItem({ notice, onDismiss }: { notice: Notice; onDismiss: (id: number) => void }) {
  const { t, tm } = useI18n();
  const kind = NOTICE_KINDS[notice.kind];
  const colours =
    notice.kind === 'error'
      ? 'border-red-300 dark:border-red-800 bg-red-50 dark:bg-red-950 text-red-900 dark:text-red-100'
      : 'border-neutral-200 dark:border-neutral-700 bg-white dark:bg-neutral-900 text-neutral-800 dark:text-neutral-200';
  return (
    <div className={`flex max-w-md items-start gap-3 rounded-lg border px-3 py-2 text-sm shadow-md ${colours} ${kind.dismissible ? 'pointer-events-auto' : ''}`}>
      <p className="flex-1">{tm(notice.text)}</p>
      {kind.dismissible && (
        <button type="button" className="text-neutral-500 dark:text-neutral-400 hover:text-neutral-900 dark:hover:text-neutral-100" aria-label={t('notices.dismiss')} onClick={() => onDismiss(notice.id)}>
          ×
        </button>
      )}
    </div>
  );
}

/**
 * The board page's messages (lib/notices): below the toolbar, where no other panel sits. Errors
 * are announced at once (`role="alert"`), everything else politely (`role="status"`). The area lets
 * the pointer through to the board; only the dismiss buttons take it.
 */
export function Notices({ store }: { store: NoticeStore }) {
  const { t } = useI18n();
  const notices = useSyncExternalStore(store.subscribe, store.getNotices, store.getNotices);
  const item = (notice: Notice) => <NoticeItem key={notice.id} notice={notice} onDismiss={(id) => store.dismiss(id)} />;
  return (
    <div className="pointer-events-none fixed left-1/2 top-16 z-30 flex -translate-x-1/2 flex-col items-center gap-2">
      <div role="alert" aria-label={t('notices.errors')} className="pointer-events-none flex flex-col items-center gap-2">
        {notices.filter((notice) => NOTICE_KINDS[notice.kind].urgent).map(item)}
      </div>
      <div role="status" aria-live="polite" aria-label={t('notices.notices')} className="pointer-events-none flex flex-col items-center gap-2">
        {notices.filter((notice) => !NOTICE_KINDS[notice.kind].urgent).map(item)}
      </div>
    </div>
  );
}
