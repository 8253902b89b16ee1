import { useEffect, useState, useSyncExternalStore } from 'react';
import type { BoardSession } from '../../lib/collab/board-session';
import { CursorLayer } from './cursor-layer';

/**
 * Other people's pointers over the canvas, with their names in their colours. React renders one
 * element per person whose pointer is on the canvas; CursorLayer moves them smoothly. Names are
 * rendered as text, never as HTML.
 */
export function RemoteCursors({ session }: { session: BoardSession }) {
  const peers = useSyncExternalStore(session.subscribe, session.getCursorPeers);
  const [layer] = useState(() => new CursorLayer(session));
  useEffect(() => layer.start(), [layer]);
  return (
    <div aria-hidden="true" className="pointer-events-none fixed inset-0 overflow-hidden">
      {peers.map((peer) => (
        <div
          key={peer.clientId}
          ref={(element) => {
            layer.attach(peer.clientId, element);
            return () => layer.attach(peer.clientId, null);
          }}
          data-testid="remote-cursor"
          className="absolute left-0 top-0 will-change-transform"
          style={{ color: peer.color }}
        >
          <svg width="16" height="20" viewBox="0 0 16 20" className="block drop-shadow-sm">
            <path d="M1 1 L1 16 L5 12 L8 19 L11 18 L8 11 L14 11 Z" fill="currentColor" stroke="white" strokeWidth="1.5" />
          </svg>
          <span
            className="absolute left-3.5 top-4 max-w-48 truncate whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-medium text-white shadow-sm"
            style={{ backgroundColor: peer.color }}
          >
            {peer.name}
          </span>
        </div>
      ))}
    </div>
  );
}
