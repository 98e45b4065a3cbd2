import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fillThread, threadHtml, type CommentMeta, type ReaderLayer } from '../../lib/comments/thread-html';
import type { ThreadComment } from '../../lib/dal/comments';
import { getDictionary } from '../../lib/i18n';
import { XSS_PAYLOADS } from '../fixtures/xss-payloads';

// The shared thread HTML (lib/comments/thread-html.ts) and one reader's controls filled
// into it: escaped names, the right controls for the right reader, and nothing of one
// reader left in what the next one gets. The pages themselves: e2e/comments-reader-layer.spec.ts.

const strings = getDictionary('en').commentUi;
const id = (n: number) => `c${String(n).padStart(24, '0')}`;

function comment(n: number, over: Partial<ThreadComment> = {}): ThreadComment {
  return {
    id: id(n),
    parentId: null,
    depth: 0,
    html: `<p>Body ${n}</p>`,
    source: `Body ${n}`,
    createdAt: new Date(Date.UTC(2026, 0, n)).toISOString(),
    editedAt: null,
    authorId: `u${n}`,
    authorName: `Reader ${n}`,
    authorImage: null,
    likeCount: 0,
    state: 'VISIBLE',
    replies: [],
    ...over,
  };
}

const hostile = XSS_PAYLOADS[0] ?? '<script>alert(1)</script>';
const root = comment(1, { authorId: 'ann', authorName: hostile, likeCount: 2 });
const reply = comment(2, { authorId: 'ben', parentId: root.id, depth: 1 });
const removed = comment(3, { authorId: null, authorName: '', state: 'REMOVED', html: '', parentId: root.id, depth: 1, replies: [comment(4, { authorId: 'ann', parentId: id(3), depth: 2 })] });
root.replies = [reply, removed];
const meta: Record<string, CommentMeta> = {};
const walk = (c: ThreadComment) => ((meta[c.id] = { authorId: c.authorId, likeCount: c.likeCount, state: c.state }), c.replies.forEach(walk));
walk(root);

function layer(viewerId: string, over: Partial<ReaderLayer> = {}): ReaderLayer {
  return { viewerId, canWrite: true, open: true, liked: new Set(), reported: new Set(), editable: new Set(), returnTo: '/post/p', replyTo: null, reportOn: null, editOn: null, flash: null, strings, ...over };
}

/** The thread as the page has it: the <li> React renders around the shared HTML. */
const shared = () => `<li id="comment-${root.id}">${threadHtml(root, strings, 'en')}</li>`;

/** The controls row of comment `n` in filled HTML. */
function row(html: string, n: number): string {
  const start = html.indexOf(`<li id="comment-${id(n)}">`);
  assert.ok(start >= 0, `comment ${n} is in the thread`);
  const end = html.indexOf('</article>', start);
  return html.slice(start, end);
}

test('the shared HTML escapes names and carries one marker per live comment, filled with nothing personal for anonymous readers', () => {
  const html = shared();
  // Outside attribute values (where a quote would be escaped) no tag opens from the name.
  assert.ok(!/<script/i.test(html.replace(/"[^"]*"/g, '""')), 'the author name is escaped');
  assert.ok(html.includes(`<span class="c-author">${hostile.replaceAll('<', '&#x3C;')}</span>`));
  assert.equal(html.match(/<!--a:/g)?.length, 4, 'a marker per comment');
  const anonymous = fillThread(html, meta, null);
  assert.ok(!anonymous.includes('<!--a:'));
  assert.ok(!anonymous.includes('<button') && !anonymous.includes('?reply='), 'no controls');
  assert.match(row(anonymous, 1), /data-testid="like-count">♥ 2</);
  assert.ok(anonymous.includes(strings.removed));
});

test('each reader gets their own likes, reports and links, and none of another reader’s', () => {
  const html = shared();
  const ann = fillThread(html, meta, layer('ann', { liked: new Set([reply.id]) }));
  const ben = fillThread(html, meta, layer('ben', { reported: new Set([root.id]) }));
  // Ann: her like on Ben's reply, a Report link on it, none on her own comments.
  assert.match(row(ann, 2), /aria-pressed="true"/);
  assert.match(row(ann, 2), /\?report=c0+2#report-c0+2/);
  assert.match(row(ann, 1), /aria-pressed="false"/);
  assert.ok(!row(ann, 1).includes('?report='));
  assert.match(row(ann, 1), /href="\?reply=c0+1#comment-body-c0+1"/);
  // Ben, filled after Ann from the same string: not Ann's like, his own report.
  assert.match(row(ben, 2), /aria-pressed="false"/);
  assert.ok(!row(ben, 2).includes('?report='), 'nobody reports their own comment');
  assert.match(row(ben, 1), />Reported</);
  assert.equal(ben, fillThread(html, meta, layer('ben', { reported: new Set([root.id]) })), 'the same whoever was filled before');
  // A removed comment has no controls for anyone.
  assert.ok(!row(ann, 3).includes('<button'));
});

test('a banned reader or a closed thread gets no like buttons or reply links; a refused like brings its message beside the button', () => {
  const html = shared();
  const banned = fillThread(html, meta, layer('carl', { canWrite: false }));
  assert.ok(!banned.includes('<button') && !banned.includes('?reply=') && !banned.includes('?report='));
  const closed = fillThread(html, meta, layer('carl', { open: false }));
  assert.ok(!closed.includes('<button') && !closed.includes('?reply='));
  assert.ok(closed.includes('?report='), 'reports stay possible with comments off');
  const refused = fillThread(html, meta, layer('carl', { flash: { key: `like:${reply.id}`, state: { message: 'Too many likes <b>now</b>' } } }));
  assert.match(row(refused, 2), /role="status"[^>]*>Too many likes &#x3C;b>now&#x3C;\/b></);
  assert.ok(!row(refused, 1).includes('Too many likes'));
});

test('a reader’s own comments get Delete (a button of the section’s delete form) and, inside the edit window, an Edit link', () => {
  const html = shared();
  const ann = fillThread(html, meta, layer('ann', { editable: new Set([root.id]) }));
  assert.match(row(ann, 1), /href="\?edit=c0+1#edit-c0+1"[^>]*>Edit</);
  assert.match(row(ann, 1), /<button[^>]*form="comment-delete"[^>]*name="commentId"[^>]*value="c0+1"[^>]*>Delete</);
  // Her reply deep in the thread is past the window: Delete only.
  assert.ok(!row(ann, 4).includes('?edit='));
  assert.match(row(ann, 4), /value="c0+4"[^>]*>Delete</);
  // Nobody else gets either on her comments; with her edit form open the link goes.
  const ben = fillThread(html, meta, layer('ben', { editable: new Set([reply.id]) }));
  assert.ok(!row(ben, 1).includes('?edit=') && !row(ben, 1).includes('comment-delete'));
  const open = fillThread(html, meta, layer('ann', { editable: new Set([root.id]), editOn: root.id }));
  assert.ok(!row(open, 1).includes('?edit='));
  // A refused delete brings its message beside the button; a closed thread keeps Delete.
  const refused = fillThread(html, meta, layer('ann', { flash: { key: `delete:${root.id}`, state: { message: 'Not yours' } } }));
  assert.match(row(refused, 1), />Delete<\/button><span class="field-error"[^>]*>Not yours</);
  const closed = fillThread(html, meta, layer('ann', { open: false, editable: new Set([root.id]) }));
  assert.ok(row(closed, 1).includes('comment-delete') && !row(closed, 1).includes('?edit='));
});

test('the shell keeps each controls row between markers; anonymous and per-reader fills keep none', () => {
  const html = shared();
  const shell = fillThread(html, meta, layer(''), { delimit: true });
  assert.equal(shell.match(/<!--a:[a-z0-9]+-->/g)?.length, 4);
  assert.equal(shell.match(/<!--\/a-->/g)?.length, 4);
  assert.ok(!fillThread(html, meta, layer('ann')).includes('<!--'));
});
