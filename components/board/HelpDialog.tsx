import { SHORTCUT_HELP } from '../../lib/editor/keyboard';
import { useModalDialog } from '../ui/use-modal-dialog';
import { useI18n } from '../i18n/I18nProvider';

/** The keyboard shortcuts, in a modal dialog (`?` opens it, Escape closes it). */
export function HelpDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const ref = useModalDialog(open);
  return (
    <dialog
      ref={ref}
      aria-labelledby="shortcuts-title"
      onClose={onClose}
      onClick={(event) => event.target === event.currentTarget && onClose()}
      className="m-auto max-h-[85vh] w-[min(40rem,calc(100vw-2rem))] overflow-y-auto rounded-xl bg-white p-5 text-neutral-900 shadow-xl backdrop:bg-black/40 dark:bg-neutral-900 dark:text-neutral-100"
    >
      <div className="mb-3 flex items-center justify-between">
        <h2 id="shortcuts-title" className="text-lg font-semibold">
          {t('board.shortcuts')}
        </h2>
        <button
          type="button"
          onClick={onClose}
          className="rounded-md px-2 py-1 text-sm hover:bg-neutral-100 focus-visible:outline-2 focus-visible:outline-blue-600 dark:hover:bg-neutral-800"
        >
          {t('common.close')}
        </button>
      </div>
      <table className="w-full text-sm">
        <tbody>
          {SHORTCUT_HELP.map((row) => (
            <tr key={row} className="border-t border-neutral-200 dark:border-neutral-700">
              <th scope="row" className="py-1.5 pr-4 text-left align-top font-mono text-xs font-normal text-neutral-600 dark:text-neutral-400">
                {t(`help.${row}.keys`)}
              </th>
              <td className="py-1.5">{t(`help.${row}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </dialog>
  );
}
