import { useSyncExternalStore } from 'react';
import type { BoardSession } from '../../lib/collab/board-session';
import { useI18n } from '../i18n/I18nProvider';

/** While following someone: a frame in their colour around the board and a way to stop. */
export function FollowIndicator({ session }: { session: BoardSession }) {
  const { t } = useI18n();
  const following = useSyncExternalStore(session.subscribe, session.getFollowing);
  if (!following) return null;
  return (
    <>
      <div aria-hidden="true" className="pointer-events-none fixed inset-0 border-4" style={{ borderColor: following.color }} />
      <div
        role="status"
        data-testid="following"
        className="fixed bottom-4 left-1/2 flex -translate-x-1/2 items-center gap-2 rounded-full py-1 pl-3 pr-1 text-sm font-medium text-white shadow-md"
        style={{ backgroundColor: following.color }}
      >
        <span className="max-w-60 truncate">{t('follow.following', { name: following.name })}</span>
        <button
          type="button"
          aria-label={t('follow.stopLabel')}
          onClick={() => session.stopFollowing()}
          className="rounded-full bg-white/20 px-2 py-0.5 text-xs hover:bg-white/30 focus-visible:outline-2 focus-visible:outline-white"
        >
          {t('follow.stop')}
        </button>
      </div>
    </>
  );
}
