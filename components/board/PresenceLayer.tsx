import { useEffect, useRef } from 'react';
import type { BoardSession } from '../../lib/collab/board-session';
import { PresenceCanvas } from './presence-canvas';

/** Other people's live previews and selections, over the board and under the pointer (which passes through). */
export function PresenceLayer({ session }: { session: BoardSession }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    return new PresenceCanvas(ref.current, session).start();
  }, [session]);
  return <canvas ref={ref} aria-hidden="true" className="pointer-events-none absolute inset-0 size-full" />;
}
