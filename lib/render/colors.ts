/**
 * Dark mode for drawings: colours are stored as chosen (on a light board) and shown with their
 * lightness inverted on a dark board, hue and saturation kept, so that black ink turns light and
 * pastel notes turn deep, and a board reads the same to people using either theme.
 */
const darkCache = new Map<string, string>();

function hexToRgba(color: string): [number, number, number, number] | null {
  const match = /^#([0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i.exec(color);
  if (!match) return null;
  let hex = match[1]!;
  if (hex.length === 3) hex = [...hex].map((c) => c + c).join('');
  const channel = (i: number) => parseInt(hex.slice(i, i + 2), 16) / 255;
  return [channel(0), channel(2), channel(4), hex.length === 8 ? channel(6) : 1];
}

function rgbToHsl(r: number, g: number, b: number): [number, number, number] {
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const l = (max + min) / 2;
  if (max === min) return [0, 0, l];
  const d = max - min;
  const s = l > 0.5 ? d / (2 - max - min) : d / (max + min);
  const h = max === r ? (g - b) / d + (g < b ? 6 : 0) : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return [h / 6, s, l];
}

function hslToRgb(h: number, s: number, l: number): [number, number, number] {
  if (s === 0) return [l, l, l];
  const q = l < 0.5 ? l * (1 + s) : l + s - l * s;
  const p = 2 * l - q;
  const hue = (t: number) => {
    const u = t < 0 ? t + 1 : t > 1 ? t - 1 : t;
    if (u < 1 / 6) return p + (q - p) * 6 * u;
    if (u < 1 / 2) return q;
    if (u < 2 / 3) return p + (q - p) * (2 / 3 - u) * 6;
    return p;
  };
  return [hue(h + 1 / 3), hue(h), hue(h - 1 / 3)];
}

/** The colour to paint for a stored colour: itself on a light board, lightness-inverted on a dark one. */
export function displayColor(color: string, dark: boolean): string {
  if (!dark) return color;
  const cached = darkCache.get(color);
  if (cached) return cached;
  const rgba = hexToRgba(color);
  let result = color;
  if (rgba) {
    const [h, s, l] = rgbToHsl(rgba[0], rgba[1], rgba[2]);
    // Keep away from pure black and white, which glare on a dark background.
    const [r, g, b] = hslToRgb(h, s, 0.08 + 0.84 * (1 - l));
    const hex = [r, g, b].map((c) => Math.round(c * 255).toString(16).padStart(2, '0')).join('');
    result = `#${hex}${rgba[3] < 1 ? Math.round(rgba[3] * 255).toString(16).padStart(2, '0') : ''}`;
  }
  darkCache.set(color, result);
  return result;
}

/** The board's background in each theme (the canvas is transparent over it). */
export const BOARD_BACKGROUND = { light: '#ffffff', dark: '#121212' } as const;
