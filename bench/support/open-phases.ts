/**
 * Where the time from opening a board to its first full paint goes, measured inside the page
 * (performance.now(), milliseconds since navigation start) by an init script:
 *
 * - html: the page's HTML has arrived (Navigation Timing responseEnd);
 * - mounted: the board's code runs (window.__tabula is installed, from an effect of the board);
 * - localOpen: the board's IndexedDB copy is open (the first indexedDB.open that succeeds);
 * - socket / socketOpen: the WebSocket is created / open;
 * - syncSent: the page sends its first binary frame (its sync step 1, which asks for the board);
 * - state: the first message over 64 KB arrives (the board state);
 * - applied: the first large document transaction (over 20 ms), split into decode (reading and
 *   integrating the update), observers (the shape index and other Yjs observers) and cleanup
 *   (merging structs and the `update` events, which encode the transaction again for listeners);
 * - firstPaint: the end of the first static-layer paint that drew every shape;
 * - firstView: the server's first view is on screen (components/board/first-view.ts: the frame
 *   after its image was put in the page), with the number of shapes it drew, beside the number
 *   the page's own shape index finds in the same view at the first full paint (shapesInView).
 *   The first view shows every shape in view when the two agree.
 *
 * Wrapping WebSocket and indexedDB.open only adds listeners; the page's own code runs as is.
 */
import type { Page } from '@playwright/test';
import { FIRST_VIEW_MARK } from '../../lib/collab/first-view-script';

export interface OpenPhases {
  html: number;
  mounted: number | null;
  localOpen: number | null;
  socket: number | null;
  socketOpen: number | null;
  syncSent: number | null;
  state: number | null;
  stateBytes: number | null;
  applyStart: number | null;
  decodeMs: number | null;
  observersMs: number | null;
  cleanupMs: number | null;
  applied: number | null;
  firstPaint: number;
  /** How long the first full paint itself took. */
  paintMs: number;
  /** The first view's image has arrived (Resource Timing responseEnd of view.svg). */
  viewArrived: number | null;
  /** When the first view was asked for (its requestStart). */
  viewAsked: number | null;
  firstView: number | null;
  firstViewShapes: number | null;
  shapesInView: number;
}

/** When the page first showed every shape in its view: the first view if it drew them all, else the canvas. */
export function everyShapeShown(phases: OpenPhases): number {
  return phases.firstView !== null && phases.firstViewShapes === phases.shapesInView ? Math.min(phases.firstView, phases.firstPaint) : phases.firstPaint;
}

/** What the page logs once it has painted every shape. */
const DONE_MESSAGE = 'tabula-bench: first full paint';

type PageRecord = Partial<OpenPhases>;

interface TabulaWindow {
  __openPhases: PageRecord;
  __tabula?: {
    lastPaint(): { at: number; ms: number; shapes: number } | null;
    viewport(): { x: number; y: number; zoom: number };
    editor: { doc: { on(event: string, listener: () => void): void }; index: { search(box: object): unknown[] } };
  };
}

/** The init script: runs in the page before any of its scripts. */
function record({ expectedShapes, doneMessage }: { expectedShapes: number; doneMessage: string }): void {
  const w = window as unknown as TabulaWindow & typeof globalThis;
  const phases: PageRecord = {};
  w.__openPhases = phases;
  const now = () => performance.now();

  const NativeSocket = w.WebSocket;
  w.WebSocket = class extends NativeSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      phases.socket ??= now();
      this.addEventListener('open', () => (phases.socketOpen ??= now()));
      const send = this.send.bind(this);
      this.send = (data: Parameters<WebSocket['send']>[0]) => {
        if (typeof data !== 'string') phases.syncSent ??= now();
        send(data);
      };
      this.addEventListener('message', (event: MessageEvent) => {
        const size = typeof event.data === 'string' ? event.data.length : ((event.data as ArrayBuffer).byteLength ?? 0);
        if (size > 65_536 && phases.state === undefined) {
          phases.state = now();
          phases.stateBytes = size;
        }
      });
    }
  };

  const open = indexedDB.open.bind(indexedDB);
  indexedDB.open = (name: string, version?: number) => {
    const request = open(name, version);
    request.addEventListener('success', () => (phases.localOpen ??= now()));
    return request;
  };

  let watchingDoc = false;
  const watchDoc = (doc: NonNullable<TabulaWindow['__tabula']>['editor']['doc']) => {
    watchingDoc = true;
    let started = 0;
    let observing = 0;
    let after = 0;
    doc.on('beforeTransaction', () => (started = now()));
    doc.on('beforeObserverCalls', () => (observing = now()));
    doc.on('afterTransaction', () => (after = now()));
    doc.on('afterAllTransactions', () => {
      const end = now();
      if (end - started < 20 || phases.applied !== undefined) return;
      phases.applyStart = started;
      phases.decodeMs = observing - started;
      phases.observersMs = after - observing;
      phases.cleanupMs = end - after;
      phases.applied = end;
    });
  };

  const watch = () => {
    const handle = w.__tabula;
    if (handle && !watchingDoc) {
      phases.mounted = now();
      watchDoc(handle.editor.doc);
    }
    const paint = handle?.lastPaint();
    if (paint && paint.shapes >= expectedShapes) {
      phases.firstPaint = paint.at;
      phases.paintMs = paint.ms;
      console.log(doneMessage);
    } else {
      requestAnimationFrame(watch);
    }
  };
  requestAnimationFrame(watch);
}

/**
 * Records the phases of the page's next navigation; the returned function resolves with them at
 * the first full paint. The page says when with a console message: polling it (waitForFunction)
 * would load Playwright's helper script into the page while it opens, on the main thread that
 * is being measured.
 */
export async function recordOpenPhases(page: Page, expectedShapes: number, timeoutMs = 120_000): Promise<() => Promise<OpenPhases>> {
  // tsx compiles functions with a `__name` helper, which the page lacks when they are sent to it.
  await page.addInitScript({ content: 'window.__name = (fn) => fn;' });
  await page.addInitScript(record, { expectedShapes, doneMessage: DONE_MESSAGE });
  const painted = page.waitForEvent('console', { predicate: (message) => message.text() === DONE_MESSAGE, timeout: timeoutMs });
  return async () => {
    await painted;
    return page.evaluate((mark) => {
      const w = window as unknown as TabulaWindow;
      const phases = w.__openPhases;
      const view = performance.getEntriesByName(mark)[0] as PerformanceMark | undefined;
      const viewImage = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find((entry) => entry.name.includes('/view.svg'));
      const viewport = w.__tabula!.viewport();
      const shapesInView = w.__tabula!.editor.index.search({ x: viewport.x, y: viewport.y, w: innerWidth / viewport.zoom, h: innerHeight / viewport.zoom }).length;
      const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      const or = (value: number | null | undefined) => value ?? null;
      return {
        html: navigation?.responseEnd ?? 0,
        mounted: or(phases.mounted),
        localOpen: or(phases.localOpen),
        socket: or(phases.socket),
        socketOpen: or(phases.socketOpen),
        syncSent: or(phases.syncSent),
        state: or(phases.state),
        stateBytes: or(phases.stateBytes),
        applyStart: or(phases.applyStart),
        decodeMs: or(phases.decodeMs),
        observersMs: or(phases.observersMs),
        cleanupMs: or(phases.cleanupMs),
        applied: or(phases.applied),
        firstPaint: phases.firstPaint!,
        paintMs: phases.paintMs!,
        viewArrived: viewImage?.responseEnd ?? null,
        viewAsked: viewImage?.requestStart ?? null,
        firstView: view?.startTime ?? null,
        firstViewShapes: (view?.detail as { shapes?: number } | undefined)?.shapes ?? null,
        shapesInView,
      };
    }, FIRST_VIEW_MARK);
  };
}
