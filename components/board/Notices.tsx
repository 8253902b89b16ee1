import { useSyncExternalStore } from 'react';
import type { BoardSession } from '../../lib/collab/board-session';

/** "Ada joined", "Bob left": small, out of the way, announced politely to screen readers. */
export function Notices({ session }: { session: BoardSession }) {
  const notices = useSyncExternalStore(session.subscribe, session.getNotices);
  return (
    <div
      role="status"
      aria-live="polite"
      aria-label="Notices"
      className="pointer-events-none fixed bottom-4 left-4 flex flex-col items-start gap-1.5"
    >
      {notices.map((notice) => (
        <p key={notice.id} className="rounded-md bg-neutral-800/85 px-2.5 py-1 text-xs text-white shadow">
          {notice.text}
        </p>
      ))}
    </div>
  );
}
