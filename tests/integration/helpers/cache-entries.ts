// What Next hands the 'use cache' handlers, for the shared-cache and memory-cache tests.

/** A 'use cache' entry holding `text`, its render begun at `timestamp`. */
export function useCacheEntry(text: string, tags: string[], timestamp = Date.now()) {
  const value = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(text));
      controller.close();
    },
  });
  return { value, tags, stale: 30, timestamp, expire: 3600, revalidate: 600 };
}

/** The text of what a handler's get returned, or undefined for a miss. */
export async function entryText(found: { value: ReadableStream<Uint8Array> } | undefined): Promise<string | undefined> {
  return found ? new Response(found.value).text() : undefined;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
