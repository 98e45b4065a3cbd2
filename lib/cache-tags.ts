// Every cache tag in one place: public reads tag themselves with these, and writes
// (comments, publishing) invalidate exactly the ones they touch.
export const TAGS = {
  /** Any list of posts: home, /blog, Recent Posts, feeds, sitemap, search. */
  posts: 'posts',
  /** One post's page content, by slug. */
  post: (slug: string) => `post:${slug}`,
  /**
   * One post's view and comment counters on its own page, tagged so a new comment shows
   * there at once. Cards on lists show the same numbers from the short-lived `counters`
   * profile (seconds behind at most), untagged: a comment must not expire every list.
   */
  counters: (postId: string) => `counters:${postId}`,
  /** A post's visible comments. */
  comments: (postId: string) => `comments:${postId}`,
  /** Any post's comments: only what lists comments site-wide (the site's comment feed) reads it. */
  anyComments: 'comments',
  category: (slug: string) => `category:${slug}`,
  tag: (slug: string) => `tag:${slug}`,
  /** Categories and tags lists. */
  taxonomy: 'taxonomy',
  settings: 'settings',
} as const;

/** Cache profiles from next.config.js. */
export const CACHE_PROFILES = { content: 'content', counters: 'counters', missing: 'missing' } as const;
