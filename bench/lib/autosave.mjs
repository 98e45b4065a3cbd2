// Part 7: the seed post under load while an editor autosaves, once a second, through the
// editor's own action (intent autosave, each save carrying the version the previous one
// answered): first a draft nobody reads, then another published post, then the seed post
// itself, between two quiet runs. A save of a published post invalidates its page and
// every list (and clears the microcache), so the seed post is re-rendered after each one;
// the question is how much of its quiet rate survives that. The saved posts get their
// text back at the end, and the editor's account, its draft and its revisions are deleted.
import { editorActionIds, editorFor, editorFields, createStaff, removeStaff, withClient } from './editor.mjs';
import { cannon, request } from './load.mjs';
import { probeCache } from './page.mjs';
import { root } from './setup.mjs';

const SAVES_PER_SECOND = 1;

/** Autosaves `postId` SAVES_PER_SECOND times a second until stopped, each with a changed body. */
function autosaveLoop(editor, start) {
  let stopped = false;
  let fields = { ...start };
  let prev = null;
  const tally = { ok: 0, conflicts: 0, refused: 0, failed: 0, ms: [], firstError: null };
  const done = (async () => {
    for (let k = 1; !stopped; k += 1) {
      const started = Date.now();
      try {
        const { ms, state } = await editor.save(fields.id, { ...fields, body: `${start.body}\n\nAutosaved line ${k}.` }, 'autosave', prev);
        tally.ms.push(ms);
        if (state.ok) {
          tally.ok += 1;
          fields = { ...fields, version: state.version };
          prev = state;
        } else if (state.status === 409) tally.conflicts += 1;
        else tally.refused += 1;
      } catch (error) {
        tally.failed += 1;
        tally.firstError ??= error.message;
      }
      await new Promise((r) => setTimeout(r, Math.max(0, 1000 / SAVES_PER_SECOND - (Date.now() - started))));
    }
  })();
  return async () => {
    stopped = true;
    await done;
    return { ...tally, version: fields.version, prev };
  };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : null;
};

export async function benchAutosave({ app, databaseUrl, flags, say }) {
  const url = `${app.origin}/post/${flags.slug}`;
  const headers = flags.gzip ? { 'accept-encoding': 'gzip' } : {};
  const seconds = Math.max(5, Math.round(flags.duration / 2));
  const staff = await createStaff(databaseUrl, app.authSecret, 'EDITOR');
  const editor = editorFor({ origin: app.origin, staff, ids: editorActionIds(root) });
  const { seedId, otherId } = await withClient(databaseUrl, async (db) => {
    const seed = await db.query('SELECT id FROM posts WHERE slug = $1', [flags.slug]);
    // Another published post: the newest, so it sits in the seed post's Recent Posts too.
    const other = await db.query("SELECT id FROM posts WHERE status = 'PUBLISHED' AND deleted_at IS NULL AND slug <> $1 ORDER BY published_at DESC LIMIT 1", [flags.slug]);
    return { seedId: seed.rows[0]?.id, otherId: other.rows[0]?.id };
  });
  if (!seedId || !otherId) throw new Error('bench: the seed has no published post besides the seed post');

  const run = async () => {
    const prober = probeCache(url, headers);
    const load = await cannon({ url, connections: flags.connections, duration: seconds, headers });
    return { ...load, cacheProbe: await prober.stop() };
  };
  const phases = {};
  say(`post page under autosave: ${seconds} s each: quiet, saving a draft, saving another published post, saving this post, quiet (1 save/s)`);
  try {
    const draftId = await editor.createDraft();
    const draft = { id: draftId, version: 1, title: 'Bench draft under autosave', slug: `bench-draft-${staff.id.slice(-8)}`, body: 'A draft being written.', publishAt: '', excerpt: '', coverImage: '', coverAlt: '', tags: '', seoTitle: '', seoDescription: '' };
    const targets = {
      draft,
      other: { ...(await editorFields(databaseUrl, otherId, { withAuthor: true })), publishAt: '' },
      same: { ...(await editorFields(databaseUrl, seedId, { withAuthor: true })), publishAt: '' },
    };
    phases.quietBefore = await run();
    for (const [name, fields] of Object.entries(targets)) {
      const stop = autosaveLoop(editor, fields);
      const load = await run();
      const saves = await stop();
      phases[name] = { ...load, saves: { ok: saves.ok, conflicts: saves.conflicts, refused: saves.refused, failed: saves.failed, firstError: saves.firstError, p50: median(saves.ms), max: saves.ms.length ? Math.max(...saves.ms) : null } };
      // The editor saves the original text back (one more autosave): the page is as it was.
      if (name !== 'draft') {
        const restored = await editor.save(fields.id, { ...fields, version: saves.version }, 'autosave', saves.prev);
        if (!restored.state.ok) throw new Error(`bench: could not restore post ${fields.id}: ${restored.state.message}`);
      }
      await request(url, { headers }); // re-rendered now rather than in the next phase's first second
    }
    phases.quietAfter = await run();
  } finally {
    await removeStaff(databaseUrl, staff);
  }
  const quiet = (phases.quietBefore.reqPerSec + phases.quietAfter.reqPerSec) / 2;
  const busy = (p) => ({
    reqPerSec: p.reqPerSec,
    ratio: quiet > 0 ? p.reqPerSec / quiet : 0,
    p50: p.p50,
    p99: p.p99,
    errors: p.errors,
    timeouts: p.timeouts,
    non2xx: p.non2xx,
    cacheProbe: p.cacheProbe,
    saves: p.saves,
  });
  return {
    seconds,
    savesPerSecond: SAVES_PER_SECOND,
    quiet: { reqPerSec: quiet, before: busy(phases.quietBefore), after: busy(phases.quietAfter) },
    draft: busy(phases.draft),
    other: busy(phases.other),
    same: busy(phases.same),
  };
}
