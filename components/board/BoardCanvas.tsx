import { type PointerEvent, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { Editor } from '../../lib/editor/editor';
import type { PointerSample } from '../../lib/editor/gesture';
import { normalizePressure } from '../../lib/editor/pen';
import type { Point } from '../../lib/geometry/types';
import { pinchViewport, screenToBoard, type Viewport, wheelZoomFactor } from '../../lib/geometry/viewport';
import { CanvasLayers } from './canvas-layers';
import { paintRecorder } from './debug-handle';
import { useSpaceHeld } from './useSpaceHeld';
import { useI18n } from '../i18n/I18nProvider';

interface Props {
  editor: Editor;
  dark: boolean;
  /** The pointer's board position while it is over the canvas, null when it leaves. */
  onCursor: (point: Point | null) => void;
}

type Mode =
  | { kind: 'none' }
  | { kind: 'tool'; pointerId: number }
  | { kind: 'pan'; pointerId: number; last: Point }
  | { kind: 'pinch'; start: Viewport; from: [Point, Point]; ids: [number, number] };

interface PointerLike {
  clientX: number;
  clientY: number;
  pointerType: string;
  pressure: number;
  shiftKey: boolean;
}

const CURSORS: Record<string, string> = { select: 'default', hand: 'grab', text: 'text' };

/**
 * The drawing surface: a static canvas of committed shapes under an interactive one that takes
 * the pointer (mouse, touch and pen alike, through Pointer Events). One pointer drives a tool;
 * Space, the middle button or the Hand tool pan; two fingers pan and pinch-zoom; the wheel pans,
 * and zooms with Ctrl/Cmd (a trackpad pinch arrives as Ctrl+wheel).
 */
export function BoardCanvas({ editor, dark, onCursor }: Props) {
  const { t } = useI18n();
  const staticRef = useRef<HTMLCanvasElement>(null);
  const overlayRef = useRef<HTMLCanvasElement>(null);
  const layersRef = useRef<CanvasLayers | null>(null);
  const mode = useRef<Mode>({ kind: 'none' });
  /** Screen positions of the pointers that are down, for pinching. */
  const pointers = useRef(new Map<number, Point>());
  const [panning, setPanning] = useState(false);
  const spaceHeld = useSpaceHeld();
  const { tool } = useSyncExternalStore(editor.subscribe, editor.getState);

  useEffect(() => {
    if (!staticRef.current || !overlayRef.current) return;
    const layers = new CanvasLayers(staticRef.current, overlayRef.current, editor);
    layersRef.current = layers;
    // Benchmarks read paint timings through window.__tabula (debug-handle.ts).
    paintRecorder.last = () => layers.lastPaint;
    return () => {
      layers.destroy();
      layersRef.current = null;
      paintRecorder.last = () => null;
    };
  }, [editor]);

  useEffect(() => layersRef.current?.setDark(dark), [dark]);

  useEffect(() => {
    const canvas = overlayRef.current;
    if (!canvas) return;
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const rect = canvas.getBoundingClientRect();
      const scale = event.deltaMode === 1 ? 16 : event.deltaMode === 2 ? rect.height : 1;
      if (event.ctrlKey || event.metaKey) {
        const at = { x: event.clientX - rect.left, y: event.clientY - rect.top };
        editor.camera.zoomBy(wheelZoomFactor(event.deltaY * scale), at);
      } else if (event.shiftKey && event.deltaX === 0) {
        editor.camera.panBy(-event.deltaY * scale, 0);
      } else {
        editor.camera.panBy(-event.deltaX * scale, -event.deltaY * scale);
      }
    };
    canvas.addEventListener('wheel', onWheel, { passive: false });
    return () => canvas.removeEventListener('wheel', onWheel);
  }, [editor]);

  const screenPoint = (event: { clientX: number; clientY: number }): Point => {
    const rect = overlayRef.current!.getBoundingClientRect();
    return { x: event.clientX - rect.left, y: event.clientY - rect.top };
  };

  const sample = (event: PointerLike): PointerSample => ({
    point: screenToBoard(editor.viewport, screenPoint(event)),
    pressure: normalizePressure(event.pointerType, event.pressure),
    shift: event.shiftKey,
  });

  const startPinch = () => {
    const entries = [...pointers.current.entries()].slice(0, 2);
    if (entries.length < 2) return;
    if (mode.current.kind === 'tool') editor.cancelGesture();
    mode.current = {
      kind: 'pinch',
      start: editor.viewport,
      from: [entries[0]![1], entries[1]![1]],
      ids: [entries[0]![0], entries[1]![0]],
    };
  };

  const onPointerDown = (event: PointerEvent<HTMLCanvasElement>) => {
    // No text selection or focus change from the press: a text box it opens keeps the focus. A
    // field that had the focus (the name box) gives it up, as a click elsewhere would make it.
    event.preventDefault();
    const wasTyping = editor.getState().editing !== null;
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
    // A press outside the text being typed only ends the typing (blurring the box commits it).
    if (wasTyping) return editor.commitText();
    pointers.current.set(event.pointerId, screenPoint(event));
    event.currentTarget.setPointerCapture(event.pointerId);
    if (event.pointerType === 'touch' && pointers.current.size === 2) return startPinch();
    if (mode.current.kind !== 'none') return;
    if (event.button === 1 || (event.button === 0 && (spaceHeld.current || tool === 'hand'))) {
      event.preventDefault();
      mode.current = { kind: 'pan', pointerId: event.pointerId, last: screenPoint(event) };
      setPanning(true);
      return;
    }
    if (event.button !== 0) return;
    mode.current = { kind: 'tool', pointerId: event.pointerId };
    editor.pointerDown(sample(event));
  };

  const onPointerMove = (event: PointerEvent<HTMLCanvasElement>) => {
    const point = screenPoint(event);
    if (pointers.current.has(event.pointerId)) pointers.current.set(event.pointerId, point);
    const board = screenToBoard(editor.viewport, point);
    editor.hover(board);
    onCursor(board);
    const current = mode.current;
    if (current.kind === 'pinch') {
      const a = pointers.current.get(current.ids[0]);
      const b = pointers.current.get(current.ids[1]);
      if (a && b) editor.setViewport(pinchViewport(current.start, current.from, [a, b]));
    } else if (current.kind === 'pan' && current.pointerId === event.pointerId) {
      editor.camera.panBy(point.x - current.last.x, point.y - current.last.y);
      mode.current = { ...current, last: point };
    } else if (current.kind === 'tool' && current.pointerId === event.pointerId) {
      // Coalesced events carry the samples between frames: smoother strokes on fast devices.
      const native = event.nativeEvent;
      const samples = typeof native.getCoalescedEvents === 'function' ? native.getCoalescedEvents() : [];
      for (const each of samples.length > 0 ? samples : [native]) editor.pointerMove(sample(each));
    }
  };

  const endPointer = (event: PointerEvent<HTMLCanvasElement>, commit: boolean) => {
    pointers.current.delete(event.pointerId);
    const current = mode.current;
    if (current.kind === 'tool' && current.pointerId === event.pointerId) {
      mode.current = { kind: 'none' };
      if (commit) editor.pointerUp(sample(event));
      else editor.cancelGesture();
    } else if (current.kind === 'pan' && current.pointerId === event.pointerId) {
      mode.current = { kind: 'none' };
      setPanning(false);
    } else if (current.kind === 'pinch' && current.ids.includes(event.pointerId)) {
      // The other finger stays down but does not start drawing: a pinch ends when both lift.
      mode.current = pointers.current.size === 0 ? { kind: 'none' } : current;
    }
    if (pointers.current.size === 0 && mode.current.kind === 'pinch') mode.current = { kind: 'none' };
  };

  const cursor = panning ? 'grabbing' : spaceHeld.current ? 'grab' : (CURSORS[tool] ?? 'crosshair');

  return (
    <>
      <canvas ref={staticRef} aria-hidden="true" className="absolute inset-0 size-full" />
      <canvas
        ref={overlayRef}
        data-testid="canvas"
        role="img"
        aria-label={t('board.canvas')}
        className="absolute inset-0 size-full touch-none select-none"
        style={{ cursor }}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={(event) => endPointer(event, true)}
        onPointerCancel={(event) => endPointer(event, false)}
        onLostPointerCapture={(event) => pointers.current.has(event.pointerId) && endPointer(event, false)}
        onPointerLeave={() => {
          onCursor(null);
          editor.hover(null);
        }}
        onDoubleClick={(event) => editor.doubleClick(screenToBoard(editor.viewport, screenPoint(event)))}
        onAuxClick={(event) => event.preventDefault()}
      />
    </>
  );
}
