/**
 * The drawing of the opening benchmark (bench/opening.ts) for both programs: the rendering
 * benchmark's board (render-board.ts) written as an Excalidraw file, and that file read back by
 * Tabula's own importer (lib/io/import.ts `parseBoardFile`, what the Import menu does) into the
 * Tabula JSON that `POST /api/boards` takes. So Tabula opens what it would make of the
 * Excalidraw drawing, not a drawing of its own.
 *
 * The elements are what Excalidraw 0.18 saves (every property of a saved element, fractional
 * `index` included, so that opening does not have to repair the file), in Excalidraw's default
 * look: roughness 1 (hand-drawn), fills solid (as Tabula paints them), free-draw strokes of width
 * 1 with their pressures (0.5, as the board has them), texts in Excalifont at 20 px.
 */
import { generateNKeysBetween } from 'fractional-indexing';
import { asNewShapes, parseBoardFile } from '../lib/io/import';
import { TABULA_FORMAT, TABULA_FORMAT_VERSION } from '../lib/board/tabula-json';
import { generateBoard } from './render-board';

/** A shape of render-board.ts's board, as far as this file reads it. */
interface BoardShape {
  id: string;
  z: string;
  type: string;
  x: number;
  y: number;
  w: number;
  h: number;
  stroke: string;
  strokeWidth: number;
  fill?: string;
  points?: number[];
  text?: string;
  fontSize?: number;
}

const EXCALIFONT = 5;

function element(shape: BoardShape, index: number) {
  const common = {
    id: shape.id,
    x: shape.x,
    y: shape.y,
    width: shape.w,
    height: shape.h,
    angle: 0,
    strokeColor: shape.stroke,
    backgroundColor: shape.fill && shape.fill !== 'none' ? shape.fill : 'transparent',
    fillStyle: 'solid',
    strokeWidth: shape.strokeWidth,
    strokeStyle: 'solid',
    roughness: 1,
    opacity: 100,
    groupIds: [],
    frameId: null,
    index: shape.z,
    roundness: null,
    seed: 1 + index,
    version: 1,
    versionNonce: 7919 * (index + 1),
    isDeleted: false,
    boundElements: null,
    updated: 1_733_400_000_000,
    link: null,
    locked: false,
  };
  const pairs = (points: readonly number[], stride: number) => {
    const out: [number, number][] = [];
    for (let i = 0; i < points.length; i += stride) out.push([points[i]!, points[i + 1]!]);
    return out;
  };
  switch (shape.type) {
    case 'pen': {
      const points = pairs(shape.points!, 3);
      return { ...common, type: 'freedraw', strokeWidth: 1, points, pressures: points.map(() => 0.5), simulatePressure: false, lastCommittedPoint: null };
    }
    case 'arrow':
    case 'line':
      return {
        ...common,
        type: shape.type,
        points: pairs(shape.points!, 2),
        lastCommittedPoint: null,
        startBinding: null,
        endBinding: null,
        startArrowhead: null,
        endArrowhead: shape.type === 'arrow' ? 'arrow' : null,
        ...(shape.type === 'arrow' ? { elbowed: false } : {}),
      };
    case 'text':
      return {
        ...common,
        type: 'text',
        text: shape.text,
        originalText: shape.text,
        fontSize: shape.fontSize,
        fontFamily: EXCALIFONT,
        textAlign: 'left',
        verticalAlign: 'top',
        containerId: null,
        autoResize: true,
        lineHeight: 1.25,
      };
    default:
      return { ...common, type: shape.type };
  }
}

/** The benchmark's board of `count` shapes as the text of an .excalidraw file. */
export function excalidrawDrawing(count: number): string {
  const elements = (generateBoard(count).shapes as BoardShape[]).map(element);
  return JSON.stringify({ type: 'excalidraw', version: 2, source: 'https://excalidraw.com', elements, appState: { viewBackgroundColor: '#ffffff', gridSize: 20 }, files: {} });
}

/** The Excalidraw drawing as Tabula's importer reads it, as a Tabula file (shapes in paint order, where they are). */
export function tabulaBoardOf(excalidrawText: string, title: string): string {
  const parsed = parseBoardFile(excalidrawText);
  if (!parsed.ok) throw new Error(`Tabula's importer refused the drawing: ${JSON.stringify(parsed.error)}`);
  const skipped = Object.values(parsed.skipped).reduce((sum, n) => sum + n, 0);
  if (skipped > 0) throw new Error(`Tabula's importer skipped ${skipped} elements: ${JSON.stringify(parsed.skipped)}`);
  const zs = generateNKeysBetween(null, null, parsed.shapes.length);
  const shapes = asNewShapes(parsed.shapes).map((shape, i) => ({ ...shape, z: zs[i]! }));
  return JSON.stringify({ format: TABULA_FORMAT, version: TABULA_FORMAT_VERSION, title, shapes });
}
