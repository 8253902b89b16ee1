import Link from 'next/link';
import type { AccessRefusal } from '../../lib/access/refusal';
import type { MessageKey } from '../../lib/i18n';
import { useI18n } from '../i18n/I18nProvider';

const TEXT = {
  'no-access': { title: 'access.noAccessTitle', body: 'access.noAccessBody' },
  'link-reset': { title: 'access.linkResetTitle', body: 'access.linkResetBody' },
} as const satisfies Record<Exclude<AccessRefusal, null>, { title: MessageKey; body: MessageKey }>;

/** What the page says when the server refused its link: a bare link of an invite board, or a reset one. */
export function AccessNotice({ refusal }: { refusal: Exclude<AccessRefusal, null> }) {
  const { t } = useI18n();
  const { title, body } = TEXT[refusal];
  return (
    <div className="fixed inset-0 z-40 grid place-items-center bg-white/80 p-4 dark:bg-black/70">
      <section role="alert" aria-labelledby="access-notice-title" className="max-w-md rounded-xl border border-neutral-200 bg-white p-6 shadow-xl dark:border-neutral-700 dark:bg-neutral-900 dark:text-neutral-100">
        <h1 id="access-notice-title" className="mb-2 text-lg font-semibold">
          {t(title)}
        </h1>
        <p className="text-sm text-neutral-700 dark:text-neutral-300">{t(body)}</p>
        <p className="mt-4 text-sm">
          <Link href="/" className="text-blue-700 underline dark:text-blue-300">
            {t('access.home')}
          </Link>
        </p>
      </section>
    </div>
  );
}
