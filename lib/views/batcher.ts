// Group commit: callers enqueue an item and await the flush that contains it.
// While one flush runs, new items gather for the next, so under load one database
// round trip carries hundreds of items, and when idle an item is written at once.

export type Batcher<T> = { add(item: T): Promise<void> };

export function createBatcher<T>(flush: (items: T[]) => Promise<void>, maxBatch = 1000): Batcher<T> {
  type Waiter = { item: T; resolve: () => void; reject: (error: unknown) => void };
  let queue: Waiter[] = [];
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
      return new Promise<void>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        if (!running) void drain();
      });
    },
  };
}
