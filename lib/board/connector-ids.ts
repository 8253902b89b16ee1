/**
 * Connector bindings name shapes by id: copies of shapes (import, paste, duplicate) get new ids,
 * so their bindings are renamed with them. An end bound to a shape that was not copied with it is
 * unbound (''): a copied arrow does not reach back to the original's box.
 */
type WithBindings = { id: string; type: string; startBinding?: string; endBinding?: string };

export function remapBindings<T extends WithBindings>(copies: readonly T[], newIdOf: ReadonlyMap<string, string>): T[] {
  const rename = (id: string | undefined) => (id === undefined ? undefined : (newIdOf.get(id) ?? ''));
  return copies.map((shape) => {
    if (shape.type !== 'line' && shape.type !== 'arrow') return shape;
    if (shape.startBinding === undefined && shape.endBinding === undefined) return shape;
    const start = rename(shape.startBinding);
    const end = rename(shape.endBinding);
    return { ...shape, ...(start !== undefined ? { startBinding: start } : {}), ...(end !== undefined ? { endBinding: end } : {}) };
  });
}
