// English titles of the feeds (lib/feeds): what a feed reader lists and what the pages'
// <link rel="alternate"> elements name. Plain text: the feed writer escapes them. Titles
// made of names only (the site's, a category's) are the same in every language: lib/feeds/titles.ts.

export const feeds = {
  author: (site: string, name: string) => `${site} · Posts by ${name}`,
  siteComments: (site: string) => `${site} · Comments`,
  postComments: (site: string, post: string) => `${site} · Comments on “${post}”`,
  commentTitle: (author: string, post: string) => `${author} on “${post}”`,
};
