/**
 * Positions the remote cursor elements every animation frame while any of them glides, straight
 * through `style.transform` (no React render per frame). Positions come from CursorMotion, in
 * board coordinates, placed with the current viewport (so panning or following moves them too).
 */
import type { BoardSession } from '../../lib/collab/board-session';
import { CursorMotion } from '../../lib/collab/cursor-motion';
import { boardToScreen } from '../../lib/geometry/viewport';

export class CursorLayer {
  private readonly motion = new CursorMotion();
  private readonly elements = new Map<number, HTMLElement>();
  private pending = 0;

  constructor(private readonly session: BoardSession) {}

  /** Starts following the session; the returned function stops. */
  start(): () => void {
    const stopPeers = this.session.onPeersChange(this.onPeers);
    const stopViewport = this.session.editor.onViewportChange(() => this.request());
    this.onPeers();
    return () => {
      stopPeers();
      stopViewport();
      cancelAnimationFrame(this.pending);
      this.pending = 0;
    };
  }

  /** Registers (or, with null, forgets) the element that shows a person's cursor. */
  attach(clientId: number, element: HTMLElement | null): void {
    if (!element) {
      this.elements.delete(clientId);
      return;
    }
    this.elements.set(clientId, element);
    this.place(clientId, element, performance.now());
  }

  private readonly onPeers = (): void => {
    const now = performance.now();
    const present = new Set<number>();
    for (const peer of this.session.getRemotePeers()) {
      present.add(peer.clientId);
      this.motion.report(peer.clientId, peer.cursor, now);
    }
    this.motion.retain(present);
    this.request();
  };

  private request(): void {
    if (!this.pending) this.pending = requestAnimationFrame(this.paint);
  }

  private place(clientId: number, element: HTMLElement, now: number): void {
    const at = this.motion.position(clientId, now);
    if (!at) return;
    const screen = boardToScreen(this.session.editor.viewport, at);
    element.style.transform = `translate3d(${screen.x.toFixed(1)}px, ${screen.y.toFixed(1)}px, 0)`;
  }

  private readonly paint = (now: number): void => {
    this.pending = 0;
    for (const [clientId, element] of this.elements) this.place(clientId, element, now);
    if (this.motion.moving(now)) this.request();
  };
}
