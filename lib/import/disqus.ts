import { ImportFileError } from './errors';
import { htmlToMarkdown } from './html-to-markdown';
import { emptyBundle, type ImportBundle } from './types';
import { attr, child, list, parseXml, text } from './xml';

// A Disqus export (Admin → Export): threads (one per page, by URL) and their posts
// (comments). Comments go on this site's posts whose old address matches the thread's URL
// (the writer matches them); deleted and spam posts are skipped.

const ARRAYS = new Set(['disqus.thread', 'disqus.post', 'disqus.category']);

/** `urlMap`: thread URL → this site's post slug, for threads whose URL is no address here (a mapping file). */
export function parseDisqus(file: string, xml: string, urlMap: ReadonlyMap<string, string> = new Map()): ImportBundle {
  const doc = parseXml(file, xml, ARRAYS);
  const root = child(doc, 'disqus');
  if (!root || typeof root !== 'object') throw new ImportFileError(file, null, 'not a Disqus export: no <disqus> root');
  const threads = new Map<string, { url: string; title: string }>();
  let forum = '';
  for (const thread of list(child(root, 'thread'))) {
    forum ||= text(child(thread, 'forum'));
    threads.set(attr(thread, 'dsq:id'), { url: text(child(thread, 'link')), title: text(child(thread, 'title')) });
  }
  const bundle = emptyBundle('disqus', `disqus:${forum || file}`, `Disqus export (${forum || 'unknown forum'})`);
  for (const post of list(child(root, 'post'))) {
    const id = attr(post, 'dsq:id');
    const author = child(post, 'author');
    const name = text(child(author, 'name')) || text(child(author, 'username')) || 'Anonymous';
    const thread = threads.get(attr(child(post, 'thread'), 'dsq:id'));
    const skip = (reason: string) => bundle.skipped.push({ kind: 'comment', sourceId: id, title: `by ${name}${thread ? ` on "${thread.title}"` : ''}`, reason });
    if (text(child(post, 'isDeleted')) === 'true') {
      skip('deleted on Disqus');
      continue;
    }
    if (text(child(post, 'isSpam')) === 'true') {
      skip('marked as spam');
      continue;
    }
    if (!thread?.url) {
      skip('its thread is not in the export');
      continue;
    }
    const createdAt = new Date(text(child(post, 'createdAt')));
    const parent = attr(child(post, 'parent'), 'dsq:id');
    bundle.comments.push({
      sourceId: id,
      target: urlMap.has(thread.url) ? { slug: urlMap.get(thread.url)!, url: thread.url } : { url: thread.url, title: thread.title },
      parentRef: parent || null,
      authorName: name,
      authorEmail: text(child(author, 'email')) || null,
      body: htmlToMarkdown(text(child(post, 'message'))),
      createdAt: Number.isNaN(createdAt.getTime()) ? new Date() : createdAt,
      status: 'VISIBLE',
    });
  }
  return bundle;
}
