/**
 * Checks on the page's chrome as a person sees it: which controls overlap or are covered, and the
 * contrast of every visible text computed from the colours the browser really paints.
 */
import type { Page } from '@playwright/test';

export interface Overlap {
  a: string;
  b: string;
}

export interface Covered {
  control: string;
  /** What the browser finds at the control's centre instead. */
  coveredBy: string;
}

export interface LowContrast {
  text: string;
  ratio: number;
  color: string;
  background: string;
}

/**
 * Every visible control (buttons, text boxes, the connection status): pairs whose boxes intersect
 * while neither holds the other, and controls whose centre shows something else on top.
 */
export function controlLayout(page: Page): Promise<{ overlaps: Overlap[]; covered: Covered[]; offScreen: string[] }> {
  return page.evaluate(() => {
    const describe = (element: Element) =>
      `${element.tagName.toLowerCase()} "${(element.getAttribute('aria-label') ?? element.textContent ?? '').trim().slice(0, 40)}"`;
    const controls = [...document.querySelectorAll('button, input:not([type=file]), textarea, select, [data-testid="connection-status"]')].filter((element) => {
      const box = element.getBoundingClientRect();
      return box.width > 1 && box.height > 1 && getComputedStyle(element).visibility === 'visible';
    });
    const boxes = controls.map((element) => element.getBoundingClientRect());
    const overlaps: { a: string; b: string }[] = [];
    for (let i = 0; i < controls.length; i++) {
      for (let j = i + 1; j < controls.length; j++) {
        const [p, q] = [boxes[i]!, boxes[j]!];
        const [a, b] = [controls[i]!, controls[j]!];
        if (a.contains(b) || b.contains(a)) continue;
        const apart = p.right <= q.left || q.right <= p.left || p.bottom <= q.top || q.bottom <= p.top;
        if (!apart) overlaps.push({ a: describe(a), b: describe(b) });
      }
    }
    const covered: { control: string; coveredBy: string }[] = [];
    const offScreen: string[] = [];
    controls.forEach((element, index) => {
      const box = boxes[index]!;
      if (box.left < 0 || box.top < 0 || box.right > innerWidth || box.bottom > innerHeight) {
        offScreen.push(describe(element));
        return;
      }
      const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      if (!top || !(element.contains(top) || top.contains(element))) covered.push({ control: describe(element), coveredBy: top ? describe(top) : 'nothing' });
    });
    return { overlaps, covered, offScreen };
  });
}

/**
 * The WCAG contrast ratio of every visible text (form fields' values and placeholders included)
 * against what lies behind it, under `minimum`.
 * Colours (lab(), oklch(), with alpha) are turned into sRGB by painting them on a canvas; text of a
 * disabled control is exempt (WCAG 1.4.3).
 */
export function lowContrastTexts(page: Page, minimum = 4.5): Promise<LowContrast[]> {
  return page.evaluate((minimum) => {
    const context = document.createElement('canvas').getContext('2d', { willReadFrequently: true })!;
    const rgba = (css: string): [number, number, number, number] => {
      context.clearRect(0, 0, 1, 1);
      context.fillStyle = css;
      context.fillRect(0, 0, 1, 1);
      const [r, g, b, a] = context.getImageData(0, 0, 1, 1).data;
      return [r!, g!, b!, a! / 255];
    };
    const over = (top: [number, number, number, number], below: [number, number, number]): [number, number, number] => {
      const alpha = top[3];
      return [0, 1, 2].map((i) => top[i]! * alpha + below[i]! * (1 - alpha)) as [number, number, number];
    };
    const luminance = (rgb: [number, number, number]) => {
      const [r, g, b] = rgb.map((value) => {
        const c = value / 255;
        return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    /** What is painted behind an element: its and its ancestors' backgrounds over the page's. */
    const backdrop = (element: Element): [number, number, number] => {
      const layers: [number, number, number, number][] = [];
      for (let node: Element | null = element; node; node = node.parentElement) {
        const colour = rgba(getComputedStyle(node).backgroundColor);
        if (colour[3] > 0) layers.push(colour);
        if (colour[3] === 1) break;
      }
      let result: [number, number, number] = [255, 255, 255];
      for (const layer of layers.reverse()) result = over(layer, result);
      return result;
    };
    const opacity = (element: Element) => {
      let value = 1;
      for (let node: Element | null = element; node; node = node.parentElement) value *= Number(getComputedStyle(node).opacity);
      return value;
    };
    /**
     * The text an element shows and the colour it is painted in: its own text nodes; a form
     * field's value, or its placeholder (in the placeholder's colour) while it is empty; a
     * select's chosen option.
     */
    const shownText = (element: Element): { text: string; color: string } => {
      const style = getComputedStyle(element);
      if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) {
        if (['range', 'color', 'file', 'checkbox', 'radio', 'hidden'].includes(element.type)) return { text: '', color: style.color };
        if (element.value) return { text: element.value, color: style.color };
        return { text: element.placeholder, color: getComputedStyle(element, '::placeholder').color };
      }
      if (element instanceof HTMLSelectElement) return { text: element.selectedOptions[0]?.text ?? '', color: style.color };
      const own = [...element.childNodes]
        .filter((node) => node.nodeType === Node.TEXT_NODE)
        .map((node) => node.textContent ?? '')
        .join('');
      return { text: element instanceof HTMLOptionElement ? '' : own, color: style.color };
    };
    const found: { text: string; ratio: number; color: string; background: string }[] = [];
    for (const element of document.querySelectorAll('body *')) {
      const shown = shownText(element);
      const text = shown.text.trim();
      if (!text || element.closest('button:disabled, [aria-hidden="true"], canvas, textarea[data-testid="text-editor"]')) continue;
      const box = element.getBoundingClientRect();
      const style = getComputedStyle(element);
      if (box.width <= 1 || box.height <= 1 || style.visibility !== 'visible') continue;
      const background = backdrop(element);
      const [r, g, b, a] = rgba(shown.color);
      const color = over([r, g, b, a * opacity(element)], background);
      const [light, dark] = [luminance(color), luminance(background)].sort((x, y) => y - x);
      const ratio = (light! + 0.05) / (dark! + 0.05);
      if (ratio < minimum) found.push({ text: text.slice(0, 40), ratio: Math.round(ratio * 100) / 100, color: shown.color, background: `rgb(${background.map(Math.round).join(',')})` });
    }
    return found;
  }, minimum);
}
