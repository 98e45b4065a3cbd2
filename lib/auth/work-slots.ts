// Bounded slots for expensive work (password hashing: argon2id takes 19 MiB and ~0.1 s of a
// core each). At most `concurrency` run at once; up to `queue` more wait, each at most
// `waitMs`; anything beyond is refused at once with BusyError, as is a waiter whose time
// ran out. Without the bound, a burst of sign-in attempts from many addresses (each under
// its rate limit) would start every hash at once: memory grows with the burst, and libuv's
// thread pool (file reads, compression) queues behind it.
//
// Written here rather than taken from a package: p-limit (already a dependency) starts work
// a tick later and cannot take a waiter out of its queue; async-mutex's timeouts leave the
// waiter queued too, and neither bounds the queue's length.

export class BusyError extends Error {
  constructor(readonly retryAfterS: number) {
    super(`Busy: try again in ${retryAfterS} s`);
    this.name = 'BusyError';
  }
}

export type SlotOptions = { concurrency: number; queue: number; waitMs: number };

export type Slots = {
  run<T>(work: () => Promise<T>): Promise<T>;
  stats(): { active: number; waiting: number; refused: number };
};

export function createSlots({ concurrency, queue, waitMs }: SlotOptions): Slots {
  const retryAfterS = Math.max(1, Math.ceil(waitMs / 1000));
  const waiters: Array<() => void> = [];
  let active = 0;
  let refused = 0;

  const release = () => {
    const next = waiters.shift();
    if (next) next();
    else active--;
  };

  /** Resolves when the caller holds a slot (the slot passes straight from one holder to the next waiter). */
  function acquire(): Promise<void> {
    if (active < concurrency) {
      active++;
      return Promise.resolve();
    }
    if (waiters.length >= queue) {
      refused++;
      return Promise.reject(new BusyError(retryAfterS));
    }
    return new Promise<void>((resolve, reject) => {
      const turn = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        const at = waiters.indexOf(turn);
        if (at >= 0) waiters.splice(at, 1);
        refused++;
        reject(new BusyError(retryAfterS));
      }, waitMs);
      waiters.push(turn);
    });
  }

  return {
    async run<T>(work: () => Promise<T>): Promise<T> {
      await acquire();
      try {
        return await work();
      } finally {
        release();
      }
    },
    stats: () => ({ active, waiting: waiters.length, refused }),
  };
}
