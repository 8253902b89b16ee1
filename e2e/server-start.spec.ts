/**
 * The production server loads one copy of Yjs. Next's server bundle used to carry a copy of its
 * own (the board page is rendered on the server), which Yjs reports with "Yjs was already
 * imported" and which breaks the `instanceof` checks the update validator relies on.
 */
import { expect, test } from './support/fixtures';

const DUPLICATE_YJS = 'Yjs was already imported';

test('the server starts and serves a board page without loading Yjs twice', async ({ server, openBoard }) => {
  // openBoard waits until the page is shown and its sync says "Connected": the server has
  // rendered the page and decoded the board with its own Yjs.
  await openBoard();
  await server.stop();

  const output = server.output();
  expect(output, 'the server started').toContain('"msg":"listening"');
  expect(output, 'the server stopped after serving').toContain('"msg":"shutting down"');
  expect(output).not.toContain(DUPLICATE_YJS);
});
