import { getSiteContext } from '@/lib/site';
import { collectionPageJsonLd, webSiteJsonLd, type CollectionInput } from '@/lib/seo/site-json-ld';
import { JsonLd } from './json-ld';

/** WebSite with its SearchAction: on the home page. */
export async function WebSiteJsonLd() {
  const { settings } = await getSiteContext();
  return <JsonLd data={webSiteJsonLd(settings)} />;
}

/** CollectionPage for the first page of a list of posts. */
export async function CollectionJsonLd({ list }: { list: CollectionInput }) {
  const { settings } = await getSiteContext();
  return <JsonLd data={collectionPageJsonLd(settings, list)} />;
}
