/**
 * The typefaces of texts, notes and labels (lib/render/text-style.ts), bundled with the app: their
 * @font-face rules come from the @fontsource packages (imported in app/layout.tsx) and Next serves
 * the woff2 files from the build, so nothing is fetched from elsewhere. A canvas does not make the
 * browser load a font it names, so each is asked for here; once they are in, text drawn and
 * measured with a fallback font meanwhile is redone.
 */
import { clearTextCaches } from '../../lib/render/draw-shape';
import { cssFont, FONT_FAMILIES } from '../../lib/render/text-style';

let loading: Promise<unknown> | null = null;

/** Calls `onLoaded` once the board's fonts have loaded (at once if they have); returns the cancel. */
export function whenBoardFontsLoad(onLoaded: () => void): () => void {
  if (typeof document === 'undefined' || !document.fonts) return () => {};
  loading ??= Promise.all(FONT_FAMILIES.map((family) => document.fonts.load(cssFont({ size: 20, family }), 'Aa'))).then(() => clearTextCaches());
  let cancelled = false;
  // A font that cannot load leaves its fallback in use: nothing to redo.
  loading.then(() => !cancelled && onLoaded(), () => {});
  return () => {
    cancelled = true;
  };
}
