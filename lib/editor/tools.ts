/** The tools of the board, their accessible names and keyboard shortcuts. */
export type ToolId = 'select' | 'pen' | 'rectangle';

export interface ToolInfo {
  id: ToolId;
  /** The button's accessible name. */
  label: string;
  /** The shortcut key, lower case. */
  key: string;
}

export const TOOLS: readonly ToolInfo[] = [
  { id: 'select', label: 'Select', key: 'v' },
  { id: 'pen', label: 'Pen', key: 'p' },
  { id: 'rectangle', label: 'Rectangle', key: 'r' },
];

export const DEFAULT_TOOL: ToolId = 'select';

export function toolForKey(key: string): ToolId | null {
  const lower = key.toLowerCase();
  return TOOLS.find((tool) => tool.key === lower)?.id ?? null;
}
