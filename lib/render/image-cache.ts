/**
 * Decoded images of uploaded assets, keyed by asset id. The renderer asks for an image while it
 * paints; the first request starts the download (`/api/assets/<assetId>`) and the renderer draws a
 * placeholder until the image has loaded, when listeners are told to repaint. Assets never change
 * once uploaded, so an image is fetched once per page.
 */

export type Drawable = CanvasImageSource & { readonly width: number; readonly height: number };
export type ImageLoader = (url: string) => Promise<Drawable>;

/** A failed download is tried again after this long (the asset may have been on its way). */
export const RETRY_AFTER_MS = 5_000;

export function assetUrl(assetId: string): string {
  return `/api/assets/${encodeURIComponent(assetId)}`;
}

/** Loads with an `<img>`: the assets are same-origin, so canvases that draw them stay exportable. */
export const browserImageLoader: ImageLoader = (url) =>
  new Promise((resolve, reject) => {
    if (typeof Image === 'undefined') {
      reject(new Error('images can only be loaded in a browser'));
      return;
    }
    const image = new Image();
    image.decoding = 'async';
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error(`could not load ${url}`));
    image.src = url;
  });

type Entry =
  | { state: 'loading'; promise: Promise<Drawable | null> }
  | { state: 'loaded'; image: Drawable; promise: Promise<Drawable | null> }
  | { state: 'failed'; at: number; promise: Promise<Drawable | null> };

export class ImageCache {
  private readonly entries = new Map<string, Entry>();
  private readonly listeners = new Set<(assetId: string) => void>();

  constructor(
    private readonly loader: ImageLoader = browserImageLoader,
    private readonly now: () => number = Date.now,
  ) {}

  /** The image if it has loaded; otherwise starts (or retries) loading it and returns null. */
  get(assetId: string): Drawable | null {
    const entry = this.entries.get(assetId);
    if (entry?.state === 'loaded') return entry.image;
    if (!entry || (entry.state === 'failed' && this.now() - entry.at >= RETRY_AFTER_MS)) void this.load(assetId);
    return null;
  }

  /** Whether the image failed to load (the renderer then shows a broken-image placeholder). */
  failed(assetId: string): boolean {
    return this.entries.get(assetId)?.state === 'failed';
  }

  /** Resolves once the image has loaded (or null if it cannot be). */
  load(assetId: string): Promise<Drawable | null> {
    const entry = this.entries.get(assetId);
    if (entry && entry.state !== 'failed') return entry.promise;
    const promise = this.loader(assetUrl(assetId)).then(
      (image) => {
        this.entries.set(assetId, { state: 'loaded', image, promise });
        this.emit(assetId);
        return image;
      },
      () => {
        this.entries.set(assetId, { state: 'failed', at: this.now(), promise });
        this.emit(assetId);
        return null;
      },
    );
    this.entries.set(assetId, { state: 'loading', promise });
    return promise;
  }

  /** Adds an image decoded elsewhere (the file just uploaded), sparing a download. */
  put(assetId: string, image: Drawable): void {
    this.entries.set(assetId, { state: 'loaded', image, promise: Promise.resolve(image) });
    this.emit(assetId);
  }

  /** Called when an image loads or fails; returns the unsubscribe function. */
  onChange(listener: (assetId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(assetId: string): void {
    for (const listener of this.listeners) listener(assetId);
  }
}

/** The page's one cache, shared by the board canvas, exports and previews. */
export const imageCache = new ImageCache();
