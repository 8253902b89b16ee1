/**
 * Excalidraw 0.18 as the peer of bench/opening.ts: a full-window <Excalidraw> that loads the
 * drawing named by `?drawing=` (a static .excalidraw file) as its initial data, at zoom 100% with
 * the scene's origin in the middle of the window, as Tabula opens a board.
 *
 * "Every element painted": Excalidraw draws its static canvas synchronously in an effect
 * (StaticCanvas, `_renderStaticScene`, not throttled unless window.EXCALIDRAW_THROTTLE_RENDER),
 * and each draw starts by asking the canvas for its 2D context (`bootstrapCanvas`). The page
 * wraps getContext on the static canvas: after each call, a microtask (it runs once the draw and
 * the effects of that commit are done) checks that the scene holds every element; the first such
 * draw is the first full paint, reported as `window.__benchPaint` and a console message.
 */
import { Excalidraw } from '@excalidraw/excalidraw';
import type { ExcalidrawImperativeAPI, ExcalidrawInitialDataState } from '@excalidraw/excalidraw/types';
import '@excalidraw/excalidraw/index.css';
import { createRoot } from 'react-dom/client';

/** bench/support/excalidraw-peer.ts waits for this message. */
/** bench/support/excalidraw-peer.ts waits for this message. */
const DONE_MESSAGE = 'excalidraw-bench: first full paint';

interface BenchWindow {
  __excalidraw?: ExcalidrawImperativeAPI;
  __benchPaint?: { at: number; elements: number };
  __benchZoom?: () => number;
}
const w = window as unknown as BenchWindow & typeof globalThis;

const params = new URLSearchParams(location.search);
const drawing = params.get('drawing') ?? '';
const expected = Number(params.get('elements') ?? '0');

let api: ExcalidrawImperativeAPI | null = null;

function watchStaticCanvas(): void {
  const getContext = HTMLCanvasElement.prototype.getContext;
  HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement, ...args: Parameters<typeof getContext>) {
    const context = getContext.apply(this, args);
    if (!w.__benchPaint && this.classList.contains('static')) {
      queueMicrotask(() => {
        const elements = api?.getSceneElements().length ?? 0;
        if (w.__benchPaint || elements < expected) return;
        w.__benchPaint = { at: performance.now(), elements };
        console.log(DONE_MESSAGE);
      });
    }
    return context;
  } as typeof getContext;
}

async function initialData(): Promise<ExcalidrawInitialDataState> {
  const response = await fetch(drawing);
  const file = (await response.json()) as ExcalidrawInitialDataState;
  return {
    elements: file.elements,
    appState: { scrollX: innerWidth / 2, scrollY: innerHeight / 2, zoom: { value: 1 as never }, viewBackgroundColor: '#ffffff' },
    scrollToContent: false,
  };
}

watchStaticCanvas();
const data = initialData();
createRoot(document.getElementById('root')!).render(
  <div style={{ position: 'fixed', inset: 0 }}>
    <Excalidraw
      initialData={data}
      excalidrawAPI={(handle) => {
        api = handle;
        w.__excalidraw = handle;
        w.__benchZoom = () => handle.getAppState().zoom.value;
      }}
    />
  </div>,
);
