import type { FeedFormat } from './types';

// Feed titles made of names only, the same in every language (the rest are in lib/i18n, "feeds").

export const siteFeedTitle = (site: string) => site;
export const categoryFeedTitle = (site: string, name: string) => `${site} · ${name}`;
export const tagFeedTitle = (site: string, name: string) => `${site} · #${name}`;
export const FORMAT_NAMES: Record<FeedFormat, string> = { rss: 'RSS', atom: 'Atom', json: 'JSON Feed' };
