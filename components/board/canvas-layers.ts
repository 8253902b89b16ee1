/**
 * Keeps the two canvases sized to their CSS box at the device pixel ratio and repaints them on
 * the next animation frame after the editor reports a change: the static layer only when shapes,
 * the viewport, the theme or the size changed, the overlay whenever anything did. Both repaint in
 * the same frame, so a committed shape never flickers between the preview and the static layer.
 */
import type { Editor, SceneChange } from '../../lib/editor/editor';
import { sameViewport, type Viewport } from '../../lib/geometry/viewport';
import { imageCache } from '../../lib/render/image-cache';
import { whenBoardFontsLoad } from './board-fonts';
import { MotionLayer, type Surface } from '../../lib/render/motion-layer';
import { drawOverlayLayer } from '../../lib/render/overlay';
import { clearCanvas, drawShapes, type Frame, visibleArea } from '../../lib/render/scene';

/**
 * Above this many shapes in view, a pan or zoom paints through the motion layer
 * (lib/render/motion-layer.ts) rather than drawing every shape each frame.
 */
const DIRECT_PAINT_LIMIT = 2_500;
/** What the motion layer may spend drawing per frame, leaving time for the rest of the frame. */
const MOTION_BUDGET_MS = 6;

function offscreenSurface(): Surface {
  const canvas = document.createElement('canvas');
  return {
    // The motion layer reads a pixel after every slice it draws, to have it rasterized then.
    ctx: context(canvas, { willReadFrequently: true }),
    image: canvas,
    get width() {
      return canvas.width;
    },
    set width(value: number) {
      canvas.width = value;
    },
    get height() {
      return canvas.height;
    },
    set height(value: number) {
      canvas.height = value;
    },
  };
}

function context(canvas: HTMLCanvasElement, settings?: CanvasRenderingContext2DSettings): CanvasRenderingContext2D {
  const ctx = canvas.getContext('2d', settings);
  if (!ctx) throw new Error('Canvas 2D is not available in this browser');
  return ctx;
}

export class CanvasLayers {
  private readonly staticCtx: CanvasRenderingContext2D;
  private readonly overlayCtx: CanvasRenderingContext2D;
  private readonly resizeObserver: ResizeObserver;
  private readonly stopListening: () => void;
  private readonly stopImages: () => void;
  private readonly stopFonts: () => void;
  private frame: Frame;
  private dirty: SceneChange = { shapes: true, overlay: true };
  private pending = 0;
  private readonly motion = new MotionLayer(offscreenSurface);
  /** Whether a pan or zoom paints through the motion layer until it shows the view exactly. */
  private moving = false;
  /** What the static layer last showed, and how many shapes that was. */
  private painted: { viewport: Viewport; shapes: number; hidden: ReadonlySet<string>; version: number } | null = null;
  private readonly stopShapes: () => void;
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
    this.stopShapes = editor.index.subscribe(() => this.motion.invalidate());
    // An image shape's file arrived: repaint, it was drawn as a placeholder.
    this.stopImages = imageCache.onChange(() => {
      this.motion.invalidate();
      this.invalidate({ shapes: true, overlay: true });
    });
    // The text fonts arrived: text was drawn in a fallback font meanwhile.
    this.stopFonts = whenBoardFontsLoad(() => {
      this.motion.invalidate();
      this.invalidate({ shapes: true, overlay: true });
    });
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
    this.stopShapes();
    this.stopImages();
    this.stopFonts();
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
    const { left, top } = this.overlayCanvas.getBoundingClientRect();
    this.editor.camera.setScreenSize(width, height, { x: left, y: top });
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
    if (this.dirty.shapes || this.moving) this.paintStatic(frame);
    const painted = performance.now();
    if (this.dirty.overlay) drawOverlayLayer(this.overlayCtx, frame, this.editor.overlay(), performance.now());
    if (this.dirty.shapes) this.lastPaint = { at: painted, ms: painted - started, shapes: this.editor.index.size };
    this.dirty = { shapes: false, overlay: false };
    // A fading laser trail changes by itself: keep painting the overlay until it is gone.
    if (this.editor.isAnimating()) this.invalidate({ shapes: false, overlay: true });
    // The motion layer has not caught up with the view yet.
    if (this.moving) this.invalidate({ shapes: false, overlay: false });
  };

  /**
   * Paints the committed shapes: directly, or through the motion layer while the view moves over
   * many shapes (until it shows the view exactly).
   */
  private paintStatic(frame: Frame): void {
    const search = (box: Parameters<Editor['index']['searchEntries']>[0]) => this.editor.index.searchEntries(box);
    const hidden = this.editor.hiddenIds;
    const last = this.painted;
    if (last && last.hidden !== hidden) this.motion.invalidate();
    const viewMoved = last !== null && !sameViewport(last.viewport, frame.viewport);
    if (!this.moving && viewMoved && last.shapes > DIRECT_PAINT_LIMIT) {
      this.motion.seed(this.staticCanvas, { ...frame, viewport: last.viewport }, last.hidden === hidden && last.version === this.motion.version);
      this.moving = true;
    }
    if (this.moving) {
      this.moving = !this.motion.paint(this.staticCtx, frame, search, hidden, MOTION_BUDGET_MS);
      this.painted = { viewport: frame.viewport, shapes: this.motion.shownShapes, hidden, version: this.motion.version };
      return;
    }
    const entries = search(visibleArea(frame));
    clearCanvas(this.staticCtx, frame);
    drawShapes(this.staticCtx, frame, entries, hidden);
    this.painted = { viewport: frame.viewport, shapes: entries.length, hidden, version: this.motion.version };
  }
}
