// Part 6: publish → visible. An author (a staff account of the bench database, signed in
// with a minted session) writes a draft through the editor's own actions, then presses
// "Publish now"; readers poll the new post's page and the home page with plain anonymous
// GETs (through the microcache, as a reader would) until the post shows. Each trial:
// 1. publish: `/` polled from the moment the publish leaves; the post page from the
//    moment the author's answer arrives (nobody knows the address before), both timed
//    from the publish;
// 2. edit of that published post (new title and body, the "Update" button), both pages
//    polled from the moment the save leaves;
// 3. early reader: another post published while a reader already polls its address. A
//    404 rendered while the publish runs can be stored after the invalidation, and Next
//    then serves it as fresh until its cache life ends; how long that takes is measured.
// Posts are trashed with the real action (their pages invalidated); the rows it made are
// deleted at the end.
import { gunzipSync } from 'node:zlib';
import { editorActionIds, editorFor, createStaff, removeStaff, withClient } from './editor.mjs';
import { request } from './load.mjs';
import { root } from './setup.mjs';

// Not visible by then: reported as never, with what readers got instead. Above the pages'
// 10 s `counters` life, so a page that heals by a background re-render counts as late.
const NEVER_MS = 15_000;
// A 404 that Next still serves from its cache this long after the publish answered was
// stored after the invalidation; if its cache life (s-maxage) outlasts the wait, waiting
// shows nothing more (it was an hour before 'no such post' got its own short life).
const STUCK_404_MS = 2_000;

function outlivesWait(res) {
  const maxAge = Number(/s-maxage=(\d+)/.exec(String(res.headers['cache-control'] ?? ''))?.[1] ?? 0);
  return res.status === 404 && res.headers['x-nextjs-cache'] === 'HIT' && maxAge * 1000 > NEVER_MS;
}

const describe = (res) => `${res.status}, x-nextjs-cache ${res.headers['x-nextjs-cache'] ?? '-'}, cache-control ${res.headers['cache-control'] ?? '-'}`;

/**
 * GETs `url` every `everyMs`, starting once `from` resolves, until `shows(html, status)`.
 * Resolves { ms (since t0; null: never), polls, last }; `acked()` is when the save answered.
 */
async function watch(url, shows, { t0, everyMs, headers, from, acked }) {
  await from;
  for (let polls = 1; ; polls += 1) {
    const started = performance.now();
    const res = await request(url, { headers });
    const html = (res.headers['content-encoding'] === 'gzip' ? gunzipSync(res.body) : res.body).toString('utf8');
    const at = performance.now() - t0;
    if (shows(html, res.status)) return { ms: at, polls };
    const stuck404 = outlivesWait(res) && acked() !== null && performance.now() - acked() > STUCK_404_MS;
    if (at > NEVER_MS || stuck404) return { ms: null, polls, last: describe(res) };
    await new Promise((r) => setTimeout(r, Math.max(0, everyMs - (performance.now() - started))));
  }
}

/** Sends one save and times the post page and `/` (when given) from the moment it leaves. */
async function timeSave({ editor, postId, fields, intent, prev, postUrl, home, shown, poll, postAfterAnswer }) {
  const t0 = performance.now();
  let ackAt = null;
  const saving = editor.save(postId, fields, intent, prev).then((answer) => {
    ackAt = performance.now();
    return answer;
  });
  const options = { ...poll, t0, acked: () => ackAt };
  const [answer, post, front] = await Promise.all([
    saving,
    watch(postUrl, (html, status) => status === 200 && shown.every((s) => html.includes(s)), { ...options, from: postAfterAnswer ? saving : null }),
    home ? watch(home, (html, status) => status === 200 && html.includes(shown[0]), options) : null,
  ]);
  if (!answer.state.ok) throw new Error(`${intent} refused: ${answer.state.message}`);
  const stuck = [post.last && `post page: ${post.last}`, front?.last && `home: ${front.last}`].filter(Boolean);
  return { ackMs: answer.ms, postMs: post.ms, homeMs: front?.ms, stuck, state: answer.state };
}

const pause = (ms) => new Promise((r) => setTimeout(r, ms));

export async function benchPublish({ app, databaseUrl, flags, say }) {
  const headers = flags.gzip ? { 'accept-encoding': 'gzip' } : {};
  const poll = { everyMs: flags.pollMs, headers };
  const home = `${app.origin}/`;
  const started = new Date();
  const staff = await createStaff(databaseUrl, app.authSecret, 'AUTHOR');
  const author = editorFor({ origin: app.origin, staff, ids: editorActionIds(root) });
  const publish = [];
  const edit = [];
  const early = [];

  /** A new draft as the editor leaves it once the author typed a title and a line (autosaved). */
  async function draft(label) {
    const mark = `${label}${Math.random().toString(36).slice(2, 8)}`;
    const id = await author.createDraft();
    const fields = { id, version: 1, title: `Bench fresh post ${mark}`, slug: `bench-fresh-post-${mark}`, body: `Freshly written ${mark}.`, publishAt: '', excerpt: '', coverImage: '', coverAlt: '', tags: '', seoTitle: '', seoDescription: '' };
    const saved = await author.save(id, fields, 'autosave');
    // Readers keep the pages cached (in Next and in the microcache) before the change.
    await request(home, { headers });
    return { mark, fields: { ...fields, version: saved.state.version }, prev: saved.state, postUrl: `${app.origin}/post/${fields.slug}` };
  }

  say(`publish → visible: ${flags.trials} trials as an author (publish, edit, publish with a reader already waiting), readers polling every ${flags.pollMs} ms`);
  try {
    for (let k = 1; k <= flags.trials; k += 1) {
      const d = await draft(`${k}a`);
      const common = { editor: author, postId: d.fields.id, postUrl: d.postUrl, poll };
      const published = await timeSave({ ...common, fields: d.fields, intent: 'publish', prev: d.prev, home, shown: [d.fields.title], postAfterAnswer: true });
      publish.push(published);

      await pause(200);
      await request(d.postUrl, { headers });
      await request(home, { headers });
      const changed = { ...d.fields, version: published.state.version, title: `Bench revised post ${d.mark}`, body: `Rewritten after publishing ${d.mark}.` };
      edit.push(await timeSave({ ...common, fields: changed, intent: 'save', prev: published.state, home, shown: [changed.title, changed.body] }));
      await author.trash(d.fields.id);
      await pause(200);

      const e = await draft(`${k}b`);
      early.push(await timeSave({ editor: author, postId: e.fields.id, postUrl: e.postUrl, poll, fields: e.fields, intent: 'publish', prev: e.prev, shown: [e.fields.title] }));
      await author.trash(e.fields.id);
      await pause(200);
    }
  } finally {
    await removeStaff(databaseUrl, staff);
    // The trash action leaves its message for the trash list, which the bench never opens.
    await withClient(databaseUrl, (db) => db.query('DELETE FROM form_flashes WHERE created_at >= $1', [started]));
  }
  const result = {
    trials: flags.trials,
    pollMs: flags.pollMs,
    publish: summarise(publish),
    edit: summarise(edit),
    earlyReader: { post: stats(early.map((t) => t.postMs)), ack: stats(early.map((t) => t.ackMs)), stuck: early.flatMap((t, i) => t.stuck.map((s) => `trial ${i + 1}, ${s}`)) },
  };
  const ms = (v) => (v === null ? 'never' : `${Math.round(v)} ms`);
  const waiting = result.earlyReader.post;
  say(`publish visible on its page ${ms(result.publish.post.median)}, on / ${ms(result.publish.home.median)} (median); edit ${ms(result.edit.post.median)} / ${ms(result.edit.home.median)}; a reader already waiting: ${ms(waiting.median)}, never in ${waiting.never}/${flags.trials}`);
  return result;
}

function quantile(sorted, q) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] : null;
}

/** Median (the mean of the middle two for an even count), p90 (nearest rank), max, over the changes seen; `never` counts the others. */
function stats(values) {
  const seen = values.filter((v) => v !== null).sort((a, b) => a - b);
  const n = seen.length;
  const median = n === 0 ? null : n % 2 ? seen[(n - 1) / 2] : (seen[n / 2 - 1] + seen[n / 2]) / 2;
  return { median, p90: quantile(seen, 0.9), max: n ? seen[n - 1] : null, never: values.length - n, all: values.map((v) => (v === null ? null : Math.round(v))) };
}

function summarise(trials) {
  return {
    ack: stats(trials.map((t) => t.ackMs)),
    post: stats(trials.map((t) => t.postMs)),
    home: stats(trials.map((t) => t.homeMs)),
    stuck: trials.flatMap((t, i) => t.stuck.map((s) => `trial ${i + 1}, ${s}`)),
  };
}
