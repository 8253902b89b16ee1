/**
 * zod, as every module of lib/ imports it (on the lowest floor, so that every folder may). In the
 * browser its JIT is off: zod probes for eval (`Function('')`) when it builds its first object
 * schema, which the page's Content-Security-Policy forbids (script-src has no 'unsafe-eval'), so
 * every page load would report a violation. The server keeps the JIT. Importing zod through here
 * makes the setting come before any schema is built. `z` holds only the parts lib/ uses
 * (zod-parts.ts): a new one is added there.
 */
import * as z from './zod-parts';

if (typeof document !== 'undefined') z.config({ jitless: true });

export { z };
