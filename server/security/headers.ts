/**
 * Security headers of everything the server answers: pages (the Next.js app), the API's JSON,
 * SVG exports and uploaded images.
 *
 * Pages: Next.js writes inline scripts into every page (the React Server Components payload,
 * whose text differs per page and per board) and prerenders the home page, so neither a hash
 * (the text is not known ahead) nor a nonce (a prerendered page cannot carry one per request)
 * can allow them; scripts are therefore limited to this origin and inline ones. Everything else is
 * closed: no plugins, no <base>, forms only to this origin, connections (fetch, sockets) only to
 * this origin, images from this origin, data: and blob: (pasted and exported images), and no
 * framing by other pages (clickjacking).
 */
export type Headers = Record<string, string>;

const COMMON: Headers = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

export function pageHeaders(options: { dev: boolean }): Headers {
  const policy = [
    "default-src 'self'",
    // Development (hot reload, React's debugging) evaluates code; production never does.
    `script-src 'self' 'unsafe-inline'${options.dev ? " 'unsafe-eval'" : ''}`,
    // React writes style attributes (colours of people, positions of overlays).
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  return { ...COMMON, 'content-security-policy': policy };
}

/** JSON answers: never rendered as a document, never framed. */
export const API_HEADERS: Headers = { ...COMMON, 'content-security-policy': "default-src 'none'; frame-ancestors 'none'" };

/**
 * An SVG export opened on its own is a document of this origin: it may show its shapes, inline
 * styles and images (of this server or embedded), but runs no script (sandbox, no script-src).
 */
export const SVG_HEADERS: Headers = {
  ...COMMON,
  'content-security-policy': "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; frame-ancestors 'none'; sandbox",
};

/** An uploaded image: served as the image it is, never as a document. */
export const ASSET_HEADERS: Headers = { ...COMMON, 'content-security-policy': "default-src 'none'; frame-ancestors 'none'; sandbox" };
