/** How a page reads the server's refusal of its link (the codes in lib/protocol/events.ts). */
import type { ProtocolErrorCode } from '../protocol/events';

/** Why the server refused a page's link: it lacks access, or the owner reset the links. */
export type AccessRefusal = 'no-access' | 'link-reset' | null;

export function accessRefusalOf(code: ProtocolErrorCode): AccessRefusal {
  if (code === 'unauthorized' || code === 'forbidden') return 'no-access';
  return code === 'link-reset' ? 'link-reset' : null;
}
