import type { Dictionary } from '../en';

// Spanish titles of the feeds (lib/feeds); the same keys as English.

export const feeds: Dictionary['feeds'] = {
  author: (site, name) => `${site} · Publicaciones de ${name}`,
  siteComments: (site) => `${site} · Comentarios`,
  postComments: (site, post) => `${site} · Comentarios en «${post}»`,
  commentTitle: (author, post) => `${author} en «${post}»`,
};
