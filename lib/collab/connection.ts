import type { ProviderStatus } from '../sync/board-provider';

export type ConnectionLabel = 'Connected' | 'Reconnecting…' | 'Offline';

/** The connection state as the board shows it. */
export function connectionLabel(status: ProviderStatus, networkOnline: boolean): ConnectionLabel {
  if (!networkOnline || status === 'offline') return 'Offline';
  return status === 'connecting' ? 'Reconnecting…' : 'Connected';
}
