/**
 * `window.__tabula`: a small handle on the open board for scripts, end-to-end tests and
 * benchmarks (reading and setting the viewport while no pan or zoom gesture exists, timing). It
 * gives nothing a person could not do in their own browser.
 */
import type { BoardSession } from '../../lib/collab/board-session';
import type { Shape } from '../../lib/board/schema';
import type { Point } from '../../lib/geometry/types';
import type { Viewport } from '../../lib/geometry/viewport';

export interface TabulaHandle {
  viewport(): Viewport;
  /** Moves the viewport as a pan or zoom by the user would (it ends follow mode). */
  setViewport(viewport: Viewport): void;
  /** Client id of this page's presence (others see it in their collaborators list). */
  clientId(): number;
  /** The board's valid shapes in paint order, as this page has them. */
  shapes(): readonly Shape[];
  /** Everyone else's latest presence (name, cursor in board coordinates). */
  peers(): { clientId: number; name: string; cursor: Point | null }[];
  /** Calls `listener` on every presence change as it arrives (cursor moves included). */
  onPeers(listener: () => void): () => void;
}

declare global {
  interface Window {
    __tabula?: TabulaHandle;
  }
}

export function installDebugHandle(session: BoardSession): () => void {
  const handle: TabulaHandle = {
    viewport: () => session.editor.viewport,
    setViewport: (viewport) => session.editor.setViewport(viewport, 'user'),
    clientId: () => session.doc.clientID,
    shapes: () => session.editor.shapes,
    peers: () => session.getRemotePeers().map(({ clientId, name, cursor }) => ({ clientId, name, cursor })),
    onPeers: (listener) => session.onPeersChange(listener),
  };
  window.__tabula = handle;
  return () => {
    if (window.__tabula === handle) delete window.__tabula;
  };
}
