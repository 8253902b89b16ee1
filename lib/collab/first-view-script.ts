/**
 * The script in the board page's HTML that shows the first view (components/board/first-view.ts)
 * before the page's own code has loaded: it asks the server for the view at the opening viewport
 * (lib/geometry/viewport.ts DEFAULT_VIEWPORT), with the token the page will open the board with
 * (lib/access/kept-access.ts openBoardAccess: the fragment's, else the strongest kept one) and in
 * the page's theme (components/board/useTheme.ts), and puts the image in the page once it is
 * decoded. Anything refused or unreachable (no access, offline) shows nothing: the page opens as
 * it would without it.
 *
 * It is plain ES2017 text, kept small: it runs while the HTML is read, before any bundle.
 */
import { keptAccessKey } from '../access/kept-access';
import { DEFAULT_VIEWPORT } from '../geometry/viewport';
import { THEME_STORAGE_KEY } from '../local/theme';

/** The element that holds the image, rendered by the page on the server (FirstView.tsx). */
export const FIRST_VIEW_ID = 'tabula-first-view';
/** Set on the element once the board shows itself: a view that arrives later is not shown. */
export const DISMISSED_ATTRIBUTE = 'data-dismissed';
/** The performance mark the script makes once the image is on screen (detail: its shape count). */
export const FIRST_VIEW_MARK = 'tabula:first-view';

export function firstViewScript(boardId: string): string {
  const settings = {
    id: FIRST_VIEW_ID,
    dismissed: DISMISSED_ATTRIBUTE,
    mark: FIRST_VIEW_MARK,
    url: `/api/boards/${encodeURIComponent(boardId)}/view.svg`,
    accessKey: keptAccessKey(boardId),
    themeKey: THEME_STORAGE_KEY,
    viewport: DEFAULT_VIEWPORT,
  };
  return `(function (s) {
  var box = document.getElementById(s.id);
  if (!box || !window.fetch || !window.URL || !URL.createObjectURL) return;
  var TOKEN = /^[A-Za-z0-9_-]{1,128}$/;
  var token = null;
  var dark = false;
  try {
    var kept = JSON.parse(localStorage.getItem(s.accessKey) || '{}') || {};
    var link = /^#?(edit|view)=([^&]+)$/.exec(location.hash);
    if (link) kept[link[1]] = decodeURIComponent(link[2]);
    token = ['owner', 'edit', 'view'].map(function (kind) { return kept[kind]; })
      .filter(function (t) { return typeof t === 'string' && TOKEN.test(t); })[0] || null;
    var theme = localStorage.getItem(s.themeKey);
    dark = theme === 'dark' || (theme !== 'light' && matchMedia('(prefers-color-scheme: dark)').matches);
  } catch (e) {}
  var width = document.documentElement.clientWidth;
  var height = document.documentElement.clientHeight;
  var v = s.viewport;
  var query = '?x=' + v.x + '&y=' + v.y + '&zoom=' + v.zoom + '&width=' + width + '&height=' + height + '&theme=' + (dark ? 'dark' : 'light');
  var headers = token ? { authorization: 'Bearer ' + token } : {};
  fetch(s.url + query, { headers: headers }).then(function (response) {
    if (!response.ok) return;
    var shapes = Number(response.headers.get('x-shapes'));
    return response.blob().then(function (blob) {
      var img = new Image(width, height);
      img.alt = '';
      img.draggable = false;
      img.src = URL.createObjectURL(blob);
      return img.decode().then(function () {
        URL.revokeObjectURL(img.src);
        if (box.hasAttribute(s.dismissed)) return;
        box.appendChild(img);
        requestAnimationFrame(function () { performance.mark(s.mark, { detail: { shapes: shapes } }); });
      });
    });
  }).catch(function () {});
})(${JSON.stringify(settings)});`;
}
