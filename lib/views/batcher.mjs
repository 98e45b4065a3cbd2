// @ts-check
// Group commit: callers enqueue an item and await the flush that contains it.
// While one flush runs, new items gather for the next, so under load one database
// round trip carries hundreds of items, and when idle an item is written at once.
// Plain JavaScript (checked by tsc) so the production server can load it without Next.

/**
 * @template T
 * @typedef {{ add(item: T): Promise<void> }} Batcher
 */

/**
 * @template T
 * @param {(items: T[]) => Promise<void>} flush
 * @param {number} [maxBatch]
 * @returns {Batcher<T>}
 */
export function createBatcher(flush, maxBatch = 1000) {
  /** @typedef {{ item: T, resolve: () => void, reject: (error: unknown) => void }} Waiter */
  /** @type {Waiter[]} */
  let queue = [];
  let running = false;

  async function drain() {
    running = true;
    while (queue.length > 0) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(batch.length);
      try {
        await flush(batch.map((w) => w.item));
        for (const w of batch) w.resolve();
      } catch (error) {
        for (const w of batch) w.reject(error);
      }
    }
    running = false;
  }

  return {
    add(item) {
      return new Promise((resolve, reject) => {
        queue.push({ item, resolve, reject });
        if (!running) void drain();
      });
    },
  };
}
