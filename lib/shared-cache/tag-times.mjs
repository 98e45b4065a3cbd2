// @ts-check
// This instance's memory of tag invalidation times, so a cache read does not ask Redis
// for the same tags on every request. It is only correct while every invalidation reaches
// us: the store forgets tags named in a pub/sub message and clears everything whenever a
// connection drops or comes back, and callers ask for `fresh` times when it matters.

/**
 * @param {{ read: (tags: readonly string[]) => Promise<number[]>, maxTags?: number }} options
 *   `read` returns one time (ms, 0 = never invalidated) per tag, in order
 */
export function createTagTimes({ read, maxTags = 10_000 }) {
  /** @type {Map<string, number>} */
  const known = new Map();
  // Bumped by clear()/forget(): a read that began before cannot write its old answer back.
  let generation = 0;

  /**
   * @param {readonly string[]} tags
   * @param {{ fresh?: boolean }} [options] fresh: ask Redis even for remembered tags
   * @returns {Promise<number>} the newest invalidation time of any tag, 0 if none
   */
  async function latest(tags, { fresh = false } = {}) {
    if (tags.length === 0) return 0;
    const missing = fresh ? [...tags] : tags.filter((tag) => !known.has(tag));
    let newest = 0;
    for (const tag of tags) if (!fresh) newest = Math.max(newest, known.get(tag) ?? 0);
    if (missing.length === 0) return newest;
    const started = generation;
    const times = await read(missing);
    missing.forEach((tag, i) => {
      const time = times[i] ?? 0;
      newest = Math.max(newest, time);
      if (generation === started && known.size < maxTags) known.set(tag, time);
    });
    return newest;
  }

  return {
    latest,
    /** @param {readonly string[]} tags */
    forget(tags) {
      generation += 1;
      for (const tag of tags) known.delete(tag);
    },
    clear() {
      generation += 1;
      known.clear();
    },
    size: () => known.size,
  };
}
