/**
 * The tools of the board and their keyboard shortcuts; their accessible names are `tool.<id>` in
 * the message catalogues (lib/i18n; the outside contract: README, "What works today").
 */
export const TOOL_IDS = [
  'select',
  'hand',
  'pen',
  'rectangle',
  'ellipse',
  'diamond',
  'line',
  'arrow',
  'text',
  'sticky',
  'eraser',
  'laser',
] as const;
export type ToolId = (typeof TOOL_IDS)[number];

/** Tools that draw a shape from a dragged box. */
export type BoxToolId = 'rectangle' | 'ellipse' | 'diamond';
export type LineToolId = 'line' | 'arrow';

export interface ToolInfo {
  id: ToolId;
  /** The shortcut key, lower case. */
  key: string;
}

export const TOOLS: readonly ToolInfo[] = [
  { id: 'select', key: 'v' },
  { id: 'hand', key: 'h' },
  { id: 'pen', key: 'p' },
  { id: 'rectangle', key: 'r' },
  { id: 'ellipse', key: 'o' },
  { id: 'diamond', key: 'd' },
  { id: 'line', key: 'l' },
  { id: 'arrow', key: 'a' },
  { id: 'text', key: 't' },
  { id: 'sticky', key: 'n' },
  { id: 'eraser', key: 'e' },
  { id: 'laser', key: 'k' },
];

export const DEFAULT_TOOL: ToolId = 'select';

export function toolForKey(key: string): ToolId | null {
  const lower = key.toLowerCase();
  return TOOLS.find((tool) => tool.key === lower)?.id ?? null;
}

export function isBoxTool(tool: ToolId): tool is BoxToolId {
  return tool === 'rectangle' || tool === 'ellipse' || tool === 'diamond';
}

export function isLineTool(tool: ToolId): tool is LineToolId {
  return tool === 'line' || tool === 'arrow';
}

/** Tools that create shapes, for which the style panel sets the look of the next shape. */
export function drawsShapes(tool: ToolId): boolean {
  return tool !== 'select' && tool !== 'hand' && tool !== 'eraser' && tool !== 'laser';
}

/** Tools that change the board (not offered while it is read-only). */
export function toolWrites(tool: ToolId): boolean {
  return tool !== 'select' && tool !== 'hand' && tool !== 'laser';
}
