/**
 * The presence canvas: other people's previews and selections (lib/render/presence-layer.ts, from lib/collab/presence-items.ts),
 * repainted on the next animation frame after their presence, the shapes or the viewport change.
 * It also tells the session the canvas's size (what the own view covers, for follow mode).
 */
import type { BoardSession } from '../../lib/collab/board-session';
import { presenceItems } from '../../lib/collab/presence-items';
import { drawPresenceLayer } from '../../lib/render/presence-layer';

export class PresenceCanvas {
  private readonly ctx: CanvasRenderingContext2D;
  private width = 0;
  private height = 0;
  private dpr = 1;
  private pending = 0;
  private painted = false;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly session: BoardSession,
  ) {
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('Canvas 2D is not available in this browser');
    this.ctx = ctx;
  }

  start(): () => void {
    const observer = new ResizeObserver(() => this.resize());
    observer.observe(this.canvas);
    this.resize();
    const stopPeers = this.session.onPeersChange(this.request);
    const stopScene = this.session.editor.onSceneChange(this.request);
    return () => {
      observer.disconnect();
      stopPeers();
      stopScene();
      cancelAnimationFrame(this.pending);
      this.pending = 0;
    };
  }

  private resize(): void {
    this.width = this.canvas.clientWidth;
    this.height = this.canvas.clientHeight;
    this.dpr = window.devicePixelRatio || 1;
    this.canvas.width = Math.round(this.width * this.dpr);
    this.canvas.height = Math.round(this.height * this.dpr);
    this.session.setCanvasSize({ width: this.width, height: this.height });
    // Resizing blanked the canvas: what there is to show is drawn again, and an empty canvas is
    // not cleared (the first touch of a canvas allocates it: on opening, time the board's start-up needs).
    this.painted = false;
    this.request();
  }

  private readonly request = (): void => {
    if (!this.pending) this.pending = requestAnimationFrame(this.paint);
  };

  private readonly paint = (): void => {
    this.pending = 0;
    const { editor } = this.session;
    const items = presenceItems(this.session.getRemotePeers(), (id) => editor.shapeById(id));
    // Nothing to show and nothing shown: skip clearing an empty canvas on every cursor move.
    if (items.length === 0 && !this.painted) return;
    const dark = document.documentElement.classList.contains('dark');
    const frame = { viewport: editor.viewport, width: this.width, height: this.height, dpr: this.dpr, dark };
    drawPresenceLayer(this.ctx, frame, items);
    this.painted = items.length > 0;
  };
}
