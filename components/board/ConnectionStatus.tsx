import { useSyncExternalStore } from 'react';
import type { BoardSession } from '../../lib/collab/board-session';
import type { ConnectionLabel } from '../../lib/collab/connection';

const DOT: Record<ConnectionLabel, string> = {
  Connected: 'bg-green-600',
  'Reconnecting…': 'bg-amber-500',
  Offline: 'bg-red-600',
};

/** The connection state; it subscribes itself, so that a change re-renders only this line. */
export function ConnectionStatus({ session }: { session: BoardSession }) {
  const label = useSyncExternalStore(session.subscribe, session.getConnection);
  return (
    <p role="status" className="flex items-center gap-2 text-sm text-neutral-700">
      <span aria-hidden="true" className={`size-2.5 rounded-full ${DOT[label]}`} />
      <span data-testid="connection-status">{label}</span>
    </p>
  );
}
