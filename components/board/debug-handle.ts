/**
 * `window.__tabula`: a small handle on the open board for scripts, end-to-end tests and
 * benchmarks (reading and setting the viewport while no pan or zoom gesture exists, timing). It
 * gives nothing a person could not do in their own browser.
 */
import type { BoardSession } from '../../lib/collab/board-session';
import type { Editor } from '../../lib/editor/editor';
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
  /** The board's editor (tests read its overlay and index; benchmarks drive its viewport). */
  editor: Editor;
  /** The last paint of the committed shapes: when it ended, how long it took, how many shapes. */
  lastPaint(): PaintRecord | null;
}

export interface PaintRecord {
  at: number;
  ms: number;
  shapes: number;
}

/** Where the canvas layers report their paints (the canvas component sets it). */
export const paintRecorder: { last: () => PaintRecord | null } = { last: () => null };

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
    editor: session.editor,
    lastPaint: () => paintRecorder.last(),
  };
  window.__tabula = handle;
  return () => {
    if (window.__tabula === handle) delete window.__tabula;
  };
}
