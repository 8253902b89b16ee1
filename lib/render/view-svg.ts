/**
 * One view of a board as an SVG image the size of the screen, drawn by the server so that a page
 * shows the board before its own code has loaded and the board has synced (the first view:
 * components/board/first-view.ts). It draws what the canvas would draw in that view: the shapes
 * of `shapesInBox`, in paint order, through the export's shape drawing, in the page's theme.
 */
import type { Shape } from '../board/schema';
import type { Box } from '../geometry/types';
import { type Viewport, visibleBoardRect } from '../geometry/viewport';
import { BOARD_BACKGROUND, displayColor } from './colors';
import { isPaint, STICKY_FILL } from './draw-shape';
import { shapeToSvg, svgOpening } from './svg';

/** A viewport on a screen of `width` x `height` CSS pixels, light or dark. */
export interface ScreenView extends Viewport {
  width: number;
  height: number;
  dark: boolean;
}

/** The board area the view shows. */
export const viewBoardRect = (view: ScreenView): Box => visibleBoardRect(view, view.width, view.height);

/** A shape in the dark theme's colours, as the canvas paints it (lib/render/colors.ts). */
function inDarkTheme(shape: Shape): Shape {
  const fill = shape.type === 'sticky' && !isPaint(shape.fill) ? STICKY_FILL : shape.fill;
  return { ...shape, stroke: displayColor(shape.stroke, true), fill: displayColor(fill, true) } as Shape;
}

/**
 * The view as an SVG document `width` x `height` pixels, on the board's background. Images are
 * left out: an SVG shown as an image loads nothing, and the canvas draws them once their files
 * arrive anyway.
 */
export function viewSvg(shapes: readonly Shape[], view: ScreenView): string {
  const background = view.dark ? BOARD_BACKGROUND.dark : BOARD_BACKGROUND.light;
  const body = shapes
    .filter((shape) => shape.type !== 'image')
    .map((shape) => shapeToSvg(view.dark ? inDarkTheme(shape) : shape))
    .join('');
  return svgOpening(viewBoardRect(view), { width: view.width, height: view.height, background, data: { shapes: shapes.length } }) + body + '</svg>';
}
