import { parseFeed } from '@rowanmanning/feed-parser';
import { XMLValidator } from 'fast-xml-parser';

// Reads feeds back as a feed reader would: the XML checked well-formed by a strict parser
// first (fast-xml-parser's validator), then read by a real feed-reader library
// (@rowanmanning/feed-parser), for the integration and e2e tests alike.

export function parseXmlFeed(xml: string) {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`malformed XML: ${valid.err.msg} (line ${valid.err.line})`);
  return parseFeed(xml);
}

export type JsonFeed = {
  version: string;
  title: string;
  home_page_url: string;
  feed_url: string;
  language: string;
  items: { id: string; url: string; title: string; content_html: string; summary?: string; date_published: string; image?: string; authors?: { name: string }[]; tags?: string[] }[];
};

export const parseJsonFeed = (text: string) => JSON.parse(text) as JsonFeed;
