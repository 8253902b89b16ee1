import { useSyncExternalStore } from 'react';
import type { BoardSession } from '../../lib/collab/board-session';
import { boardToScreen, type Viewport } from '../../lib/geometry/viewport';

/**
 * Other people's pointers over the canvas. Each element's top-left corner is the pointer's
 * position; names are rendered as text, never as HTML.
 */
export function RemoteCursors({ session, viewport }: { session: BoardSession; viewport: Viewport }) {
  const cursors = useSyncExternalStore(session.subscribe, session.getRemoteCursors);
  return (
    <div aria-hidden="true" className="pointer-events-none fixed inset-0 overflow-hidden">
      {cursors.map((peer) => {
        if (!peer.cursor) return null;
        const at = boardToScreen(viewport, peer.cursor);
        return (
          <div
            key={peer.clientId}
            data-testid="remote-cursor"
            className="absolute left-0 top-0"
            style={{ transform: `translate(${at.x}px, ${at.y}px)`, color: peer.color }}
          >
            <svg width="16" height="20" viewBox="0 0 16 20" className="block drop-shadow-sm">
              <path d="M1 1 L1 16 L5 12 L8 19 L11 18 L8 11 L14 11 Z" fill="currentColor" stroke="white" strokeWidth="1.5" />
            </svg>
            <span
              className="absolute left-3.5 top-4 max-w-48 truncate whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-medium text-white"
              style={{ backgroundColor: peer.color }}
            >
              {peer.name}
            </span>
          </div>
        );
      })}
    </div>
  );
}
