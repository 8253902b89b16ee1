/** A Tabula file as a stream of parts (1,000 shapes each), so that neither side holds it as one string. */
export function tabulaFileStream(title: string, shapes: readonly unknown[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let next = 0;
  return new ReadableStream({
    pull(controller) {
      if (next === 0) controller.enqueue(encoder.encode(`{"format":"tabula","version":1,"title":${JSON.stringify(title)},"shapes":[`));
      if (next >= shapes.length) {
        controller.enqueue(encoder.encode(']}'));
        controller.close();
        return;
      }
      const part = shapes.slice(next, next + 1_000).map((shape) => JSON.stringify(shape));
      controller.enqueue(encoder.encode(`${next === 0 ? '' : ','}${part.join(',')}`));
      next += 1_000;
    },
  });
}
