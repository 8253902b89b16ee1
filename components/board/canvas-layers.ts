/**
 * Keeps the two canvases sized to their CSS box at the device pixel ratio and repaints them on
 * the next animation frame after the editor reports a change: the static layer only when shapes,
 * the viewport, the theme or the size changed, the overlay whenever anything did. Both repaint in
 * the same frame, so a committed shape never flickers between the preview and the static layer.
 */
import type { Editor, SceneChange } from '../../lib/editor/editor';
import { imageCache } from '../../lib/render/image-cache';
import { drawOverlayLayer } from '../../lib/render/overlay';
import { drawStaticLayer, type Frame } from '../../lib/render/scene';

function context(canvas: HTMLCanvasElement): CanvasRenderingContext2D {
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('Canvas 2D is not available in this browser');
  return ctx;
}

export class CanvasLayers {
  private readonly staticCtx: CanvasRenderingContext2D;
  private readonly overlayCtx: CanvasRenderingContext2D;
  private readonly resizeObserver: ResizeObserver;
  private readonly stopListening: () => void;
  private readonly stopImages: () => void;
  private frame: Frame;
  private dirty: SceneChange = { shapes: true, overlay: true };
  private pending = 0;
  /** The last static-layer paint: when it ended, how long it took, how many shapes the board had. */
  lastPaint: { at: number; ms: number; shapes: number } | null = null;

  constructor(
    private readonly staticCanvas: HTMLCanvasElement,
    private readonly overlayCanvas: HTMLCanvasElement,
    private readonly editor: Editor,
  ) {
    this.staticCtx = context(staticCanvas);
    this.overlayCtx = context(overlayCanvas);
    this.frame = { viewport: editor.viewport, width: 0, height: 0, dpr: 1, dark: false };
    this.stopListening = editor.onSceneChange((change) => this.invalidate(change));
    // An image shape's file arrived: repaint, it was drawn as a placeholder.
    this.stopImages = imageCache.onChange(() => this.invalidate({ shapes: true, overlay: true }));
    this.resizeObserver = new ResizeObserver(() => this.resize());
    this.resizeObserver.observe(overlayCanvas);
    this.resize();
  }

  setDark(dark: boolean): void {
    if (dark === this.frame.dark) return;
    this.frame = { ...this.frame, dark };
    this.invalidate({ shapes: true, overlay: true });
  }

  destroy(): void {
    cancelAnimationFrame(this.pending);
    this.resizeObserver.disconnect();
    this.stopListening();
    this.stopImages();
  }

  private resize(): void {
    const width = this.overlayCanvas.clientWidth;
    const height = this.overlayCanvas.clientHeight;
    const dpr = window.devicePixelRatio || 1;
    for (const canvas of [this.staticCanvas, this.overlayCanvas]) {
      canvas.width = Math.round(width * dpr);
      canvas.height = Math.round(height * dpr);
    }
    this.frame = { ...this.frame, width, height, dpr };
    this.editor.camera.setScreenSize(width, height);
    this.invalidate({ shapes: true, overlay: true });
  }

  private invalidate(change: SceneChange): void {
    this.dirty = { shapes: this.dirty.shapes || change.shapes, overlay: this.dirty.overlay || change.overlay };
    if (!this.pending) this.pending = requestAnimationFrame(this.paint);
  }

  private readonly paint = (): void => {
    this.pending = 0;
    const frame = { ...this.frame, viewport: this.editor.viewport };
    const started = performance.now();
    if (this.dirty.shapes) drawStaticLayer(this.staticCtx, frame, (box) => this.editor.index.searchEntries(box), this.editor.hiddenIds);
    const painted = performance.now();
    if (this.dirty.overlay) drawOverlayLayer(this.overlayCtx, frame, this.editor.overlay(), performance.now());
    if (this.dirty.shapes) this.lastPaint = { at: painted, ms: painted - started, shapes: this.editor.index.size };
    this.dirty = { shapes: false, overlay: false };
    // A fading laser trail changes by itself: keep painting the overlay until it is gone.
    if (this.editor.isAnimating()) this.invalidate({ shapes: false, overlay: true });
  };
}
