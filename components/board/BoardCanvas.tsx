import { type PointerEvent, useEffect, useRef, useSyncExternalStore } from 'react';
import type { Editor } from '../../lib/editor/editor';
import type { PointerSample } from '../../lib/editor/gesture';
import { normalizePressure } from '../../lib/editor/pen';
import { screenToBoard } from '../../lib/geometry/viewport';
import type { Point } from '../../lib/geometry/types';
import { CanvasLayers } from './canvas-layers';

interface Props {
  editor: Editor;
  /** The pointer's board position while it is over the canvas, null when it leaves. */
  onCursor: (point: Point | null) => void;
}

/**
 * The drawing surface: a static canvas of committed shapes under an interactive one that takes
 * the pointer (mouse, touch and pen alike, through Pointer Events) and shows gestures.
 */
export function BoardCanvas({ editor, onCursor }: Props) {
  const staticRef = useRef<HTMLCanvasElement>(null);
  const overlayRef = useRef<HTMLCanvasElement>(null);
  /** The one pointer that drives the current gesture; other fingers are ignored meanwhile. */
  const activePointer = useRef<number | null>(null);
  const { tool } = useSyncExternalStore(editor.subscribe, editor.getState);

  useEffect(() => {
    if (!staticRef.current || !overlayRef.current) return;
    const layers = new CanvasLayers(staticRef.current, overlayRef.current, editor);
    return () => layers.destroy();
  }, [editor]);

  const sample = (event: { clientX: number; clientY: number; pointerType: string; pressure: number; shiftKey: boolean }, canvas: HTMLCanvasElement): PointerSample => {
    const rect = canvas.getBoundingClientRect();
    return {
      point: screenToBoard(editor.viewport, { x: event.clientX - rect.left, y: event.clientY - rect.top }),
      pressure: normalizePressure(event.pointerType, event.pressure),
      shift: event.shiftKey,
    };
  };

  const onPointerDown = (event: PointerEvent<HTMLCanvasElement>) => {
    if (!event.isPrimary || event.button !== 0 || activePointer.current !== null) return;
    activePointer.current = event.pointerId;
    event.currentTarget.setPointerCapture(event.pointerId);
    editor.pointerDown(sample(event, event.currentTarget));
  };

  const onPointerMove = (event: PointerEvent<HTMLCanvasElement>) => {
    const canvas = event.currentTarget;
    onCursor(sample(event, canvas).point);
    if (event.pointerId !== activePointer.current) return;
    // Coalesced events carry the samples between frames: smoother strokes on fast devices.
    const native = event.nativeEvent;
    const samples = typeof native.getCoalescedEvents === 'function' ? native.getCoalescedEvents() : [];
    for (const each of samples.length > 0 ? samples : [native]) editor.pointerMove(sample(each, canvas));
  };

  const onPointerUp = (event: PointerEvent<HTMLCanvasElement>) => {
    if (event.pointerId !== activePointer.current) return;
    activePointer.current = null;
    editor.pointerUp(sample(event, event.currentTarget));
  };

  const onPointerCancel = (event: PointerEvent<HTMLCanvasElement>) => {
    if (event.pointerId !== activePointer.current) return;
    activePointer.current = null;
    editor.cancelGesture();
  };

  return (
    <>
      <canvas ref={staticRef} aria-hidden="true" className="absolute inset-0 size-full" />
      <canvas
        ref={overlayRef}
        data-testid="canvas"
        role="img"
        aria-label="Whiteboard canvas"
        className="absolute inset-0 size-full touch-none select-none"
        style={{ cursor: tool === 'select' ? 'default' : 'crosshair' }}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerCancel}
        onLostPointerCapture={onPointerCancel}
        onPointerLeave={() => onCursor(null)}
      />
    </>
  );
}
