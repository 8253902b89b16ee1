import type { ConnectionLabel } from '../../lib/collab/connection';
import type { MessageKey } from '../../lib/i18n';
import { useI18n } from '../i18n/I18nProvider';

const DOT: Record<ConnectionLabel, string> = {
  Connected: 'bg-green-600',
  'Reconnecting…': 'bg-amber-500',
  Offline: 'bg-red-600',
};

const WORDS = {
  Connected: 'status.connected',
  'Reconnecting…': 'status.reconnecting',
  Offline: 'status.offline',
} as const satisfies Record<ConnectionLabel, MessageKey>;

export function ConnectionStatus({ label }: { label: ConnectionLabel }) {
  const { t } = useI18n();
  return (
    <p role="status" className="flex items-center gap-2 whitespace-nowrap px-1 text-sm text-neutral-700 dark:text-neutral-200">
      <span aria-hidden="true" className={`size-2.5 rounded-full ${DOT[label]}`} />
      <span data-testid="connection-status">{t(WORDS[label])}</span>
    </p>
  );
}
