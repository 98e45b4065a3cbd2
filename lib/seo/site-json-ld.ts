import type { CollectionPage, SearchAction, WebSite, WithActionConstraints, WithContext } from 'schema-dts';
import type { SiteSettings } from '@/lib/dal/settings';
import { siteUrl } from '@/lib/site-url';

// Site-level JSON-LD: WebSite with a SearchAction on the home page, CollectionPage on the
// first page of each list (later pages are the same collection, so they carry none).

type Site = Pick<SiteSettings, 'siteName' | 'siteDescription' | 'language'>;

/** The site as a node other documents point to by @id. */
export const websiteId = () => `${siteUrl('/')}#website`;

export function webSiteJsonLd(site: Site): WithContext<WebSite> {
  const search: WithActionConstraints<SearchAction> = {
    '@type': 'SearchAction',
    target: { '@type': 'EntryPoint', urlTemplate: `${siteUrl('/search')}?q={search_term_string}` },
    'query-input': 'required name=search_term_string',
  };
  return {
    '@context': 'https://schema.org',
    '@type': 'WebSite',
    '@id': websiteId(),
    name: site.siteName,
    url: siteUrl('/'),
    ...(site.siteDescription ? { description: site.siteDescription } : {}),
    inLanguage: site.language,
    potentialAction: search,
  };
}

export type CollectionInput = { name: string; description?: string | null; path: string; postPaths: string[] };

export function collectionPageJsonLd(site: Site, list: CollectionInput): WithContext<CollectionPage> {
  return {
    '@context': 'https://schema.org',
    '@type': 'CollectionPage',
    '@id': siteUrl(list.path),
    url: siteUrl(list.path),
    name: list.name,
    ...(list.description ? { description: list.description } : {}),
    inLanguage: site.language,
    isPartOf: { '@type': 'WebSite', '@id': websiteId(), name: site.siteName, url: siteUrl('/') },
    mainEntity: {
      '@type': 'ItemList',
      numberOfItems: list.postPaths.length,
      itemListElement: list.postPaths.map((path, i) => ({ '@type': 'ListItem', position: i + 1, url: siteUrl(path) })),
    },
  };
}
