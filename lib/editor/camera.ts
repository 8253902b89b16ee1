/**
 * The viewport of one person: pan and zoom, with listeners. Never shared through the document;
 * follow mode drives it with `setViewport(viewport, 'follow')` and watches it with `subscribe`.
 */
import type { Box, Point } from '../geometry/types';
import {
  clampZoom,
  DEFAULT_VIEWPORT,
  fitBox,
  panBy,
  sameViewport,
  screenToBoard,
  steppedZoom,
  type Viewport,
  zoomAbout,
} from '../geometry/viewport';

/** Who moved the viewport: the person (pan, zoom) or follow mode tracking someone else. */
export type ViewportSource = 'user' | 'follow';
export type ViewportListener = (viewport: Viewport, source: ViewportSource) => void;

export class Camera {
  private current: Viewport = DEFAULT_VIEWPORT;
  private size = { width: 0, height: 0 };
  /** Where the canvas's top-left corner is in the window (client coordinates). */
  private origin: Point = { x: 0, y: 0 };
  private readonly listeners = new Set<ViewportListener>();

  get viewport(): Viewport {
    return this.current;
  }

  /** The canvas's CSS size, for zooming about its centre and fitting content. */
  get screenSize(): { width: number; height: number } {
    return this.size;
  }

  getViewport = (): Viewport => this.current;

  subscribe = (listener: ViewportListener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The canvas's CSS size and, when known, where it sits in the window. */
  setScreenSize(width: number, height: number, origin: Point = this.origin): void {
    this.size = { width, height };
    this.origin = origin;
  }

  /** The board point under a window (client) position, such as a drop. */
  clientToBoard(clientX: number, clientY: number): Point {
    return screenToBoard(this.current, { x: clientX - this.origin.x, y: clientY - this.origin.y });
  }

  /** Moves the view; a viewport that is not a number (or a zoom of 0 or less) is ignored. */
  setViewport(viewport: Viewport, source: ViewportSource = 'user'): void {
    const { x, y, zoom } = viewport;
    if (!Number.isFinite(x) || !Number.isFinite(y) || !Number.isFinite(zoom) || !(zoom > 0)) return;
    const next = { x, y, zoom: clampZoom(zoom) };
    if (sameViewport(next, this.current)) return;
    this.current = next;
    for (const listener of this.listeners) listener(next, source);
  }

  /** Slides the content by (dx, dy) screen pixels. */
  panBy(dx: number, dy: number): void {
    this.setViewport(panBy(this.current, dx, dy));
  }

  /** Zooms to `zoom`, keeping the board point under `screen` (default: the centre) in place. */
  zoomTo(zoom: number, screen: Point = this.center()): void {
    this.setViewport(zoomAbout(this.current, screen, zoom));
  }

  zoomBy(factor: number, screen: Point = this.center()): void {
    this.zoomTo(this.current.zoom * factor, screen);
  }

  /** One step of the zoom buttons (and Ctrl/Cmd with + and -). */
  zoomStep(direction: 1 | -1): void {
    this.zoomTo(steppedZoom(this.current.zoom, direction));
  }

  /** Fits a board box in view (nothing happens for null: an empty board). */
  fit(box: Box | null): void {
    if (!box || this.size.width === 0) return;
    this.setViewport(fitBox(box, this.size.width, this.size.height));
  }

  /** Centres the view on a board point at the current zoom. */
  centerOn(point: Point): void {
    const { zoom } = this.current;
    this.setViewport({ x: point.x - this.size.width / 2 / zoom, y: point.y - this.size.height / 2 / zoom, zoom });
  }

  private center(): Point {
    return { x: this.size.width / 2, y: this.size.height / 2 };
  }
}
