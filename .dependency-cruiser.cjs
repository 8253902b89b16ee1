/**
 * The layering of lib/, checked by `npm run lint` (dependency-cruiser). Each folder of lib/ sits on
 * a floor; a file may import from its own folder and from folders on lower floors, never from a
 * folder on its own floor or above. Folders on one floor do not know each other.
 *
 *   8  collab            the board session: editor, connection, presence, chat, follow
 *   7  editor, access    tools, selection, undo, the one write path into the board; roles, links, kept tokens
 *   6  io, history       file formats (export, import, Excalidraw); versions and restore
 *   5  render, sync      Canvas 2D painters and SVG; the client provider (socket <-> Y.Doc)
 *   4  presence, local   the awareness schema, live previews, cursors, laser; identity, recent boards
 *   3  geometry          boxes, transforms, viewport, hit tests
 *   2  board             the document model: shape schema, reading and writing shapes
 *   1  protocol, notices the wire (events, limits, messages); the page's notice store
 *   0  i18n              the message catalogues and their formatting: the words of every floor above
 *
 * No circular imports anywhere in lib/, components/ or app/, and lib/ (shared by the browser and
 * the server) imports none of components/, app/ or server/.
 */
const FLOORS = [['i18n'], ['protocol', 'notices'], ['board'], ['geometry'], ['presence', 'local'], ['render', 'sync'], ['io', 'history'], ['editor', 'access'], ['collab']];

const floorRules = FLOORS.flatMap((folders, level) => {
  const above = FLOORS.slice(level + 1).flat();
  return folders.map((folder) => {
    const sameFloor = folders.filter((other) => other !== folder);
    const forbidden = [...sameFloor, ...above];
    return {
      name: `lib-floors-${folder}`,
      severity: 'error',
      comment: `lib/${folder} is on floor ${level}: it may not import ${forbidden.map((name) => `lib/${name}`).join(', ')} (see .dependency-cruiser.cjs)`,
      from: { path: `^lib/${folder}/` },
      to: { path: `^lib/(${forbidden.join('|')})/` },
    };
  });
});

module.exports = {
  forbidden: [
    ...floorRules,
    {
      name: 'lib-folders-known',
      severity: 'error',
      comment: 'every folder of lib/ has a floor: add a new one to FLOORS in .dependency-cruiser.cjs',
      from: { path: '^lib/' },
      to: { path: '^lib/', pathNot: `^lib/(${FLOORS.flat().join('|')})/` },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'modules that import each other, directly or around a circle',
      from: { path: '^(lib|components|app)/' },
      to: { circular: true },
    },
    {
      name: 'lib-is-shared',
      severity: 'error',
      comment: 'lib/ runs in the browser and on the server: it imports none of components/, app/ or server/',
      from: { path: '^lib/' },
      to: { path: '^(components|app|server|e2e|bench)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    includeOnly: '^(lib|components|app)/',
    // Type-only imports count: a type from a higher floor is a dependency on it all the same.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js'] },
  },
};
