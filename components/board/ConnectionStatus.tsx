import type { ConnectionLabel } from '../../lib/collab/connection';

const DOT: Record<ConnectionLabel, string> = {
  Connected: 'bg-green-600',
  'Reconnecting…': 'bg-amber-500',
  Offline: 'bg-red-600',
};

export function ConnectionStatus({ label }: { label: ConnectionLabel }) {
  return (
    <p role="status" className="flex items-center gap-2 whitespace-nowrap px-1 text-sm text-neutral-700 dark:text-neutral-200">
      <span aria-hidden="true" className={`size-2.5 rounded-full ${DOT[label]}`} />
      <span data-testid="connection-status">{label}</span>
    </p>
  );
}
