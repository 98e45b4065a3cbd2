import 'server-only';
import { cacheLife, cacheTag } from 'next/cache';
import { TAGS } from '@/lib/cache-tags';
import { siteUrl } from '@/lib/site-url';
import { commentsDocument, postsDocument } from '@/lib/feeds/documents';
import type { FeedDocument, FeedFormat, FeedScope, RenderedFeed } from '@/lib/feeds/types';
import { renderFeed } from '@/lib/feeds/write';
import { readFeedComments, readFeedOwner, readFeedPost, readFeedPosts } from './feed-queries';
import { getSiteSettings } from './settings';

// Every feed, written and hashed once per change and cached whole: a cache hit (and a 304)
// does no database work and writes no XML. Tagged as the pages that show the same things,
// so a publish, an edit, a rename, a new comment or a moderation shows in the feed at once.

async function feedDocument(scope: FeedScope, limit: number): Promise<FeedDocument | null> {
  const site = await getSiteSettings();
  switch (scope.kind) {
    case 'site-comments': {
      const comments = await readFeedComments(null, limit);
      // A new comment anywhere, a moderation or a reader's new name invalidates the
      // thread's tag and `anyComments` (lib/comments/service.ts commentTags).
      cacheTag(TAGS.anyComments, ...new Set(comments.map((c) => TAGS.comments(c.post.id))));
      return commentsDocument(scope, null, comments, site, siteUrl);
    }
    case 'post-comments': {
      cacheTag(TAGS.post(scope.slug));
      const post = await readFeedPost(scope.slug);
      if (!post) return null;
      cacheTag(TAGS.comments(post.id));
      return commentsDocument(scope, post, await readFeedComments(post.id, limit), site, siteUrl);
    }
    default: {
      cacheTag(TAGS.taxonomy);
      if (scope.kind === 'category') cacheTag(TAGS.category(scope.slug));
      if (scope.kind === 'tag') cacheTag(TAGS.tag(scope.slug));
      const owner = await readFeedOwner(scope);
      if (!owner) return null;
      return postsDocument(scope, owner, await readFeedPosts(scope, limit), site, siteUrl);
    }
  }
}

/** The feed of `scope` in `format`, its newest `limit` entries; null when the category, tag, author or post does not exist. */
export async function getRenderedFeed(scope: FeedScope, format: FeedFormat, limit: number): Promise<RenderedFeed | null> {
  'use cache';
  cacheTag(TAGS.settings, TAGS.posts);
  const doc = await feedDocument(scope, limit);
  if (!doc) {
    // It may be published or created in a moment: a short life (next.config.js `missing`).
    cacheLife('missing');
    return null;
  }
  cacheLife('content');
  return renderFeed(doc, format);
}
