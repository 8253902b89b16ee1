import { useI18n } from '../i18n/I18nProvider';

/** What the board page shows until the board's code has loaded and mounted. */
export function OpeningBoard() {
  const { t } = useI18n();
  return <p className="p-6 text-neutral-600">{t('board.opening')}</p>;
}
