import { useEffect } from 'react';
import type { BoardSession } from '../../lib/collab/board-session';

/**
 * Feeds the session what it learns from the window: input (for the idle state), Escape (stops
 * following), and the network going and coming (connection state, offline editing).
 */
export function usePresenceInput(session: BoardSession): void {
  useEffect(() => {
    const onInput = () => session.activity();
    const onKeyDown = (event: KeyboardEvent) => {
      session.activity();
      if (event.key === 'Escape' && session.getFollowing()) session.stopFollowing();
    };
    const onNetwork = () => session.setNetworkOnline(navigator.onLine);
    onNetwork();
    const inputEvents = ['pointerdown', 'pointermove', 'wheel'] as const;
    for (const type of inputEvents) window.addEventListener(type, onInput, { passive: true });
    window.addEventListener('keydown', onKeyDown);
    window.addEventListener('online', onNetwork);
    window.addEventListener('offline', onNetwork);
    return () => {
      for (const type of inputEvents) window.removeEventListener(type, onInput);
      window.removeEventListener('keydown', onKeyDown);
      window.removeEventListener('online', onNetwork);
      window.removeEventListener('offline', onNetwork);
    };
  }, [session]);
}
