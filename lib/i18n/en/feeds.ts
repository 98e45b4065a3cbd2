// English titles of the feeds (lib/feeds): what a feed reader lists and what the pages'
// <link rel="alternate"> elements name. Plain text: the feed writer escapes them.

export const feeds = {
  site: (site: string) => site,
  category: (site: string, name: string) => `${site} · ${name}`,
  tag: (site: string, name: string) => `${site} · #${name}`,
  author: (site: string, name: string) => `${site} · Posts by ${name}`,
  siteComments: (site: string) => `${site} · Comments`,
  postComments: (site: string, post: string) => `${site} · Comments on “${post}”`,
  commentTitle: (author: string, post: string) => `${author} on “${post}”`,
  formats: { rss: 'RSS', atom: 'Atom', json: 'JSON Feed' },
};
