// A JSON object written as a stream: the plain fields first, then each array filled a page
// at a time from its async source, so a large export never sits in memory whole.

type Pages = AsyncIterable<unknown[]>;

async function* pieces(fields: Record<string, unknown>, arrays: Record<string, Pages>): AsyncGenerator<string> {
  const head = JSON.stringify(fields, null, 2);
  yield head.slice(0, head.lastIndexOf('}')).trimEnd();
  let firstField = Object.keys(fields).length === 0;
  for (const [name, pages] of Object.entries(arrays)) {
    yield `${firstField ? '\n' : ',\n'}  ${JSON.stringify(name)}: [`;
    firstField = false;
    let first = true;
    for await (const page of pages) {
      for (const item of page) {
        yield `${first ? '\n' : ',\n'}    ${JSON.stringify(item)}`;
        first = false;
      }
    }
    yield first ? ']' : '\n  ]';
  }
  yield '\n}\n';
}

export function jsonObjectStream(fields: Record<string, unknown>, arrays: Record<string, Pages>): ReadableStream<Uint8Array> {
  const source = pieces(fields, arrays);
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      // A page's worth of small pieces per pull, not one enqueue per comment.
      let chunk = '';
      while (chunk.length < 64 * 1024) {
        const next = await source.next();
        if (next.done) {
          if (chunk) controller.enqueue(encoder.encode(chunk));
          controller.close();
          return;
        }
        chunk += next.value;
      }
      controller.enqueue(encoder.encode(chunk));
    },
    async cancel() {
      await source.return(undefined);
    },
  });
}
