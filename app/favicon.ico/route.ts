import { siteIconResponse } from '@/components/seo/site-icon';

// /favicon.ico for the clients that ask for it without reading the page's <link rel="icon">
// (feed readers, some crawlers): the generated icon as a PNG, which every browser takes at
// this address. It has to be a route, not a file, to follow the site's name.
export async function GET(): Promise<Response> {
  return siteIconResponse(48);
}
