/** The editor's hooks for collaboration: viewport changes, live previews, remote hidden shapes. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addShape } from '../board/doc';
import { Editor, type SceneChange, type ViewportSource } from './editor';
import type { PointerSample } from './gesture';

const at = (x: number, y: number): PointerSample => ({ point: { x, y }, pressure: 0.5, shift: false });

describe('Editor collaboration hooks', () => {
  it('moves the viewport, saying who moved it, and repaints', () => {
    const editor = new Editor({ doc: new Y.Doc(), userId: 'me' });
    const moves: [number, ViewportSource][] = [];
    const scenes: SceneChange[] = [];
    editor.onViewportChange((viewport, source) => moves.push([viewport.x, source]));
    editor.onSceneChange((change) => scenes.push(change));
    editor.setViewport({ x: 10, y: 0, zoom: 1 });
    editor.setViewport({ x: 10, y: 0, zoom: 1 });
    editor.setViewport({ x: 20, y: 0, zoom: 2 }, 'follow');
    editor.setViewport({ x: NaN, y: 0, zoom: 1 });
    editor.setViewport({ x: 0, y: 0, zoom: 0 });
    expect(moves).toEqual([[10, 'user'], [20, 'follow']]);
    expect(editor.viewport).toEqual({ x: 20, y: 0, zoom: 2 });
    expect(scenes).toEqual([{ shapes: true, overlay: true }, { shapes: true, overlay: true }]);
  });

  it('exposes the gesture in progress as a live preview', () => {
    const editor = new Editor({ doc: new Y.Doc(), userId: 'me' });
    expect(editor.livePreview()).toEqual({ shape: null, move: null });
    editor.setTool('pen');
    editor.pointerDown(at(0, 0));
    editor.pointerMove(at(10, 10));
    expect(editor.livePreview().shape).toMatchObject({ type: 'pen' });
    editor.pointerUp(at(20, 20));
    expect(editor.livePreview()).toEqual({ shape: null, move: null });
  });

  it('hides shapes others are changing, together with the own dragged ones', () => {
    const doc = new Y.Doc();
    const editor = new Editor({ doc, userId: 'me' });
    const a = addShape(doc, { id: 'a', type: 'rectangle', x: 0, y: 0, w: 10, h: 10 });
    const b = addShape(doc, { id: 'b', type: 'rectangle', x: 50, y: 0, w: 10, h: 10 });
    expect(editor.shapeById(a.id)?.x).toBe(0);
    editor.setRemoteHidden(new Set([b.id]));
    expect([...editor.hiddenIds]).toEqual([b.id]);
    editor.pointerDown(at(5, 5));
    editor.pointerMove(at(30, 30));
    expect(new Set(editor.hiddenIds)).toEqual(new Set([a.id, b.id]));
    editor.pointerUp(at(30, 30));
    editor.setRemoteHidden(new Set());
    expect(editor.hiddenIds.size).toBe(0);
  });
});
