/**
 * The static layer while the view moves over many shapes. Drawing every shape in view each frame
 * costs, at low zoom, more than a frame of drawing and as much again of rasterizing thousands of
 * small paths in software: a zoom out over a large board drops frames. Instead the shapes are
 * drawn into an offscreen buffer a slice at a time, within a budget per frame (each slice is
 * flushed, so that its raster is paid within that frame too), and every frame shows the last
 * complete buffer moved and scaled to the current view. A buffer covers the view and a margin
 * around it, so that a zoom out does not uncover blank edges at once. Once the view stops, the
 * buffer drawn for it is shown pixel for pixel: the image a direct paint gives, but for the
 * anti-aliasing of a few pixels (and shapes just outside the view whose edges reach into it,
 * which the buffer has and a direct paint culls).
 */
import type { Box } from '../geometry/types';
import { sameViewport, type Viewport } from '../geometry/viewport';
import { boardTransform, clearCanvas, drawShapes, type Frame, type IndexedShape, visibleArea } from './scene';

/** An offscreen canvas to draw a buffer in; setting width or height resizes and clears it. */
export interface Surface {
  readonly ctx: CanvasRenderingContext2D;
  readonly image: CanvasImageSource;
  width: number;
  height: number;
}

/** The margin a buffer adds on each side, as a share of the view's width and height. */
export const MOTION_MARGIN = 0.2;
/** A buffer's largest size in device pixels (two are kept); the margin shrinks to fit. */
const MAX_BUFFER_PIXELS = 4_500_000;
/** Shapes drawn between two checks of the clock. */
const SLICE_SHAPES = 250;

interface Buffer {
  surface: Surface;
  /** The frame the buffer was drawn for: the view's frame grown by the margin. */
  frame: Frame;
  /** The view it was started for. */
  view: Viewport;
  width: number;
  height: number;
  dpr: number;
  dark: boolean;
  generation: number;
}

interface Job extends Buffer {
  entries: readonly IndexedShape[];
  hidden: ReadonlySet<string>;
  next: number;
}

/** The view's frame grown by whole device pixels on each side (the board transform stays on the view's pixel grid). */
export function grownFrame(frame: Frame, margin: number): Frame {
  const pixels = frame.width * frame.height * frame.dpr * frame.dpr;
  const fit = Math.sqrt(MAX_BUFFER_PIXELS / Math.max(1, pixels));
  const share = Math.max(0, Math.min(margin, (fit - 1) / 2));
  const mx = Math.floor(frame.width * frame.dpr * share);
  const my = Math.floor(frame.height * frame.dpr * share);
  const scale = frame.dpr * frame.viewport.zoom;
  return {
    ...frame,
    viewport: { x: frame.viewport.x - mx / scale, y: frame.viewport.y - my / scale, zoom: frame.viewport.zoom },
    width: frame.width + (2 * mx) / frame.dpr,
    height: frame.height + (2 * my) / frame.dpr,
  };
}

export class MotionLayer {
  private readonly surfaces: Surface[] = [];
  private job: Job | null = null;
  private shown: Buffer | null = null;
  private generation = 0;

  constructor(
    private readonly createSurface: () => Surface,
    private readonly now: () => number = () => performance.now(),
    private readonly sliceShapes = SLICE_SHAPES,
  ) {}

  /** How many shapes the shown buffer holds (view and margin). */
  shownShapes = 0;

  /**
   * Starts from what a canvas shows now (the last direct paint of `frame`), so that the first
   * frames of a motion have something to move until the first buffer is drawn.
   */
  seed(image: CanvasImageSource, frame: Frame, upToDate: boolean): void {
    const surface = this.surfaces.find((candidate) => candidate !== this.job?.surface) ?? this.addSurface();
    this.resize(surface, frame);
    surface.ctx.setTransform(1, 0, 0, 1, 0, 0);
    surface.ctx.globalAlpha = 1;
    surface.ctx.clearRect(0, 0, surface.width, surface.height);
    surface.ctx.drawImage(image, 0, 0);
    this.shown = { ...this.describe(frame, frame), surface, generation: upToDate ? this.generation : this.generation - 1 };
  }

  /** The shapes changed: what the buffers hold is out of date. */
  invalidate(): void {
    this.generation++;
  }

  /** Changes with every `invalidate`: a canvas painted at one version is current until it changes. */
  get version(): number {
    return this.generation;
  }

  /** Whether the shown buffer is the current frame, exactly and up to date. */
  isExact(frame: Frame): boolean {
    return this.shown !== null && this.matches(this.shown, frame);
  }

  /**
   * Works on the buffer for `frame` for up to `budgetMs`, then paints the latest complete buffer,
   * moved and scaled to `frame`. Returns whether that shows `frame` exactly (no frame is needed
   * until something changes).
   */
  paint(
    ctx: CanvasRenderingContext2D,
    frame: Frame,
    search: (box: Box) => readonly IndexedShape[],
    hidden: ReadonlySet<string>,
    budgetMs: number,
  ): boolean {
    const deadline = this.now() + budgetMs;
    if (!this.job && !this.isExact(frame)) this.job = this.start(frame, search, hidden);
    while (this.job && this.now() < deadline) {
      if (this.drawSlice(this.job)) continue;
      this.finish(this.job);
      this.job = this.isExact(frame) ? null : this.start(frame, search, hidden);
    }
    this.present(ctx, frame);
    return this.job === null && this.isExact(frame);
  }

  private matches(buffer: Buffer, frame: Frame): boolean {
    return (
      buffer.generation === this.generation &&
      sameViewport(buffer.view, frame.viewport) &&
      buffer.width === frame.width &&
      buffer.height === frame.height &&
      buffer.dpr === frame.dpr &&
      buffer.dark === frame.dark
    );
  }

  private start(frame: Frame, search: (box: Box) => readonly IndexedShape[], hidden: ReadonlySet<string>): Job {
    const grown = grownFrame(frame, MOTION_MARGIN);
    const surface = this.surfaces.find((candidate) => candidate !== this.shown?.surface) ?? this.addSurface();
    this.resize(surface, grown);
    clearCanvas(surface.ctx, grown);
    return { ...this.describe(frame, grown), surface, generation: this.generation, entries: search(visibleArea(grown)), hidden, next: 0 };
  }

  private describe(view: Frame, drawn: Frame): Omit<Buffer, 'surface' | 'generation'> {
    return { frame: drawn, view: view.viewport, width: view.width, height: view.height, dpr: view.dpr, dark: view.dark };
  }

  private resize(surface: Surface, frame: Frame): void {
    const width = Math.round(frame.width * frame.dpr);
    const height = Math.round(frame.height * frame.dpr);
    if (surface.width !== width) surface.width = width;
    if (surface.height !== height) surface.height = height;
  }

  private addSurface(): Surface {
    const surface = this.createSurface();
    this.surfaces.push(surface);
    return surface;
  }

  /** Draws the job's next slice; false once every shape is drawn. */
  private drawSlice(job: Job): boolean {
    if (job.next >= job.entries.length) return false;
    const end = Math.min(job.entries.length, job.next + this.sliceShapes);
    drawShapes(job.surface.ctx, job.frame, job.entries.slice(job.next, end), job.hidden);
    job.next = end;
    // Canvas drawing is recorded and rasterized later, all at once: reading a pixel makes the
    // slice's raster happen now, within this frame's budget.
    job.surface.ctx.getImageData(0, 0, 1, 1);
    return true;
  }

  private finish(job: Job): void {
    this.shownShapes = job.entries.length;
    this.shown = job;
  }

  private present(ctx: CanvasRenderingContext2D, frame: Frame): void {
    clearCanvas(ctx, frame);
    const shown = this.shown;
    if (!shown) return;
    const from = boardTransform(shown.frame);
    const to = boardTransform(frame);
    const k = to.scale / from.scale;
    const { width, height } = shown.surface;
    ctx.drawImage(shown.surface.image, 0, 0, width, height, to.tx - from.tx * k, to.ty - from.ty * k, width * k, height * k);
  }
}
