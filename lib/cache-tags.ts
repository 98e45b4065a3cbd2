// Every cache tag in one place: public reads tag themselves with these, and writes
// (comments, publishing) invalidate exactly the ones they touch.
export const TAGS = {
  /** Any list of posts: home, /blog, Recent Posts, feeds, sitemap, search. */
  posts: 'posts',
  /** One post's page content, by slug. */
  post: (slug: string) => `post:${slug}`,
  /** View and comment counters (short-lived anyway; tagged so a new comment shows at once). */
  counters: 'counters',
  /** A post's visible comments. */
  comments: (postId: string) => `comments:${postId}`,
  category: (slug: string) => `category:${slug}`,
  tag: (slug: string) => `tag:${slug}`,
  /** Categories and tags lists. */
  taxonomy: 'taxonomy',
  settings: 'settings',
} as const;

/** Cache profiles from next.config.js. */
export const CACHE_PROFILES = { content: 'content', counters: 'counters', missing: 'missing' } as const;
