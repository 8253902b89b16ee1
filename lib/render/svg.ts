/**
 * A board (or some shapes) as a standalone SVG document, for export. Same geometry as the canvas
 * renderer: pen strokes use the same perfect-freehand outline, text the same font stack.
 */
import { isLabelled, type Shape, type ShapeOf } from '../board/schema';
import { expandBox, unionBoxes } from '../geometry/box';
import type { Box } from '../geometry/types';
import { arrowHeadLength, shapeVisualBounds } from '../geometry/shape-bounds';
import { STICKY_FILL } from './draw-shape';
import { layoutLabel } from './label-layout';
import { penOutline } from './pen-outline';
import { ESTIMATED_MEASURER, LINE_HEIGHT, STICKY_PADDING, type TextMeasurer, wrapText } from './text-layout';
import { alignedX, FONT_STACKS, type TextStyle, textStyleOf } from './text-style';

/** The margin around the shapes in exported images (SVG and PNG alike). */
export const EXPORT_PADDING = 16;
const PADDING = EXPORT_PADDING;

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

const num = (value: number) => (Math.round(value * 100) / 100).toString();

function paint(shape: Shape, withFill: boolean): string {
  const fill = withFill && shape.fill !== 'none' ? shape.fill : 'none';
  const stroke = shape.stroke === 'none' || shape.strokeWidth === 0 ? 'none' : shape.stroke;
  return `fill="${escapeXml(fill)}" stroke="${escapeXml(stroke)}" stroke-width="${num(shape.strokeWidth)}"`;
}

function polyline(shape: ShapeOf<'line' | 'arrow'>): string {
  const coords: string[] = [];
  for (let i = 0; i + 1 < shape.points.length; i += 2) coords.push(`${num(shape.x + shape.points[i]!)},${num(shape.y + shape.points[i + 1]!)}`);
  let svg = `<polyline points="${coords.join(' ')}" ${paint(shape, false)}/>`;
  const n = shape.points.length;
  if (shape.type === 'arrow' && n >= 4) {
    const tipX = shape.x + shape.points[n - 2]!;
    const tipY = shape.y + shape.points[n - 1]!;
    const angle = Math.atan2(tipY - (shape.y + shape.points[n - 3]!), tipX - (shape.x + shape.points[n - 4]!));
    const length = arrowHeadLength(shape.strokeWidth);
    const wing = (side: number) => `${num(tipX - length * Math.cos(angle + side * 0.5))},${num(tipY - length * Math.sin(angle + side * 0.5))}`;
    svg += `<polyline points="${wing(-1)} ${num(tipX)},${num(tipY)} ${wing(1)}" ${paint(shape, false)}/>`;
  }
  return svg;
}

const TEXT_ANCHOR = { left: 'start', center: 'middle', right: 'end' } as const;

/** Lines from `top` down, each in a box of LINE_HEIGHT and anchored at `anchorX`, as the canvas draws them. */
function textLines(lines: readonly string[], anchorX: number, top: number, style: TextStyle, color: string): string {
  const spans = lines.map((line, i) => `<tspan x="${num(anchorX)}" y="${num(top + (i + 0.5) * style.size * LINE_HEIGHT)}">${escapeXml(line)}</tspan>`);
  return (
    `<text font-family="${escapeXml(FONT_STACKS[style.family])}" font-size="${num(style.size)}" fill="${escapeXml(color)}" ` +
    `text-anchor="${TEXT_ANCHOR[style.align]}" dominant-baseline="central" xml:space="preserve">${spans.join('')}</text>`
  );
}

function labelSvg(shape: Shape, measurer: TextMeasurer): string {
  const layout = isLabelled(shape) ? layoutLabel(measurer, shape) : null;
  if (!layout) return '';
  return textLines(layout.lines, layout.anchorX, layout.y, layout.style, shape.stroke === 'none' ? '#1e1e1e' : shape.stroke);
}

/** Where an exported image's file is: its URL on this server unless the caller embeds it. */
export type ImageHref = (assetId: string) => string;
const serverImageHref: ImageHref = (assetId) => `/api/assets/${assetId}`;

/**
 * One shape as SVG. Notes and labels are wrapped with `measurer` (the browser's canvas when it
 * exports; an estimate of glyph widths on the server).
 */
export function shapeToSvg(shape: Shape, imageHref: ImageHref = serverImageHref, measurer: TextMeasurer = ESTIMATED_MEASURER): string {
  const { x, y, w, h } = shape;
  let body: string;
  switch (shape.type) {
    case 'rectangle':
      body = `<rect x="${num(x)}" y="${num(y)}" width="${num(w)}" height="${num(h)}" ${paint(shape, true)}/>`;
      break;
    case 'ellipse':
      body = `<ellipse cx="${num(x + w / 2)}" cy="${num(y + h / 2)}" rx="${num(w / 2)}" ry="${num(h / 2)}" ${paint(shape, true)}/>`;
      break;
    case 'diamond':
      body = `<polygon points="${num(x + w / 2)},${num(y)} ${num(x + w)},${num(y + h / 2)} ${num(x + w / 2)},${num(y + h)} ${num(x)},${num(y + h / 2)}" ${paint(shape, true)}/>`;
      break;
    case 'line':
    case 'arrow':
      body = polyline(shape);
      break;
    case 'pen': {
      const outline = penOutline(shape.points, shape.strokeWidth, true);
      const d = outline.map((point, i) => `${i === 0 ? 'M' : 'L'}${num(x + point[0]!)} ${num(y + point[1]!)}`).join('');
      body = `<path d="${d}Z" fill="${escapeXml(shape.stroke)}"/>`;
      break;
    }
    case 'text': {
      const style = textStyleOf(shape);
      body = textLines(shape.text.split('\n'), alignedX(style.align, x, w), y, style, shape.stroke);
      break;
    }
    case 'image':
      body = `<image href="${escapeXml(imageHref(shape.assetId))}" x="${num(x)}" y="${num(y)}" width="${num(w)}" height="${num(h)}" preserveAspectRatio="none"/>`;
      break;
    case 'sticky': {
      const fill = shape.fill === 'none' || shape.fill === 'transparent' ? STICKY_FILL : shape.fill;
      const style = textStyleOf(shape);
      const inner = Math.max(1, w - STICKY_PADDING * 2);
      const lines = wrapText(measurer, shape.text, style, inner);
      body = `<rect x="${num(x)}" y="${num(y)}" width="${num(w)}" height="${num(h)}" fill="${escapeXml(fill)}"/>` + textLines(lines, alignedX(style.align, x + STICKY_PADDING, inner), y + STICKY_PADDING, style, shape.stroke);
      break;
    }
  }
  body += labelSvg(shape, measurer);
  const rotation = shape.rotation ? ` transform="rotate(${num((shape.rotation * 180) / Math.PI)} ${num(x + w / 2)} ${num(y + h / 2)})"` : '';
  return `<g opacity="${num(shape.opacity)}"${rotation}>${body}</g>`;
}

/** The shapes, in paint order, framed with a margin; an empty board gives a small empty image. */
export function shapesToSvg(shapes: readonly Shape[], options: SvgOptions = {}): string {
  return [...svgParts(shapes, options)].join('');
}

export interface SvgOptions {
  background?: string;
  imageHref?: ImageHref;
  measurer?: TextMeasurer;
}

/**
 * The opening tag of an SVG document showing the board area `frame`, at its own size unless
 * `width` and `height` are given, with `data-*` attributes and the background drawn first.
 */
export function svgOpening(frame: Box, options: { width?: number; height?: number; background?: string; data?: Record<string, string | number> } = {}): string {
  const { x, y, w, h } = frame;
  const data = Object.entries(options.data ?? {})
    .map(([name, value]) => ` data-${name}="${escapeXml(String(value))}"`)
    .join('');
  const background = options.background ? `<rect x="${num(x)}" y="${num(y)}" width="${num(w)}" height="${num(h)}" fill="${escapeXml(options.background)}"/>` : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${num(x)} ${num(y)} ${num(w)} ${num(h)}" width="${num(options.width ?? w)}" height="${num(options.height ?? h)}"${data}>${background}`;
}

/** Shapes per part of `svgParts`. */
export const SVG_SHAPES_PER_PART = 1_000;

/**
 * The image of `shapesToSvg` in parts (the opening tag, then the shapes a thousand at a time, then
 * the closing tag), so that a large board can be written out as it is made rather than as one
 * string of hundreds of MB.
 */
export function* svgParts(shapes: readonly Shape[], options: SvgOptions = {}): Generator<string> {
  const bounds = shapes.length > 0 ? unionBoxes(shapes.map(shapeVisualBounds)) : { x: 0, y: 0, w: 0, h: 0 };
  yield svgOpening(expandBox(bounds, PADDING), { background: options.background });
  for (let i = 0; i < shapes.length; i += SVG_SHAPES_PER_PART) {
    yield shapes
      .slice(i, i + SVG_SHAPES_PER_PART)
      .map((shape) => shapeToSvg(shape, options.imageHref, options.measurer))
      .join('');
  }
  yield '</svg>';
}
