-- /admin/stats at 10,000,000 view events and 1,000,000 comments (bench/README.md, "Admin
-- stats at scale"): the page read half of post_view_days (5.1 M rows) for the site's
-- 30-day series and summed it again per post for "top posts". Rollups instead, kept by
-- statement-level triggers with transition tables, so every writer (the view pipeline,
-- the large-site generator, a post's cascade delete, a moderator) moves them in the same
-- statement and they always equal the sums of their rows:
--   site_view_days     = sum(post_view_days.views) per day
--   site_comment_days  = comments per created_at day and status
--   post_view_windows  = per post, views of the days > as_of - 7 / 30 / 90, and all days
-- The windows slide once a UTC day (quire_roll_view_windows, called by the stats page and
-- an hourly job): it subtracts the days that left each window.

-- CreateTable
CREATE TABLE "site_view_days" (
    "day" DATE NOT NULL,
    "views" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "site_view_days_pkey" PRIMARY KEY ("day")
);

-- CreateTable
CREATE TABLE "site_comment_days" (
    "day" DATE NOT NULL,
    "visible" INTEGER NOT NULL DEFAULT 0,
    "held" INTEGER NOT NULL DEFAULT 0,
    "hidden" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "site_comment_days_pkey" PRIMARY KEY ("day")
);

-- CreateTable
CREATE TABLE "post_view_windows" (
    "post_id" TEXT NOT NULL,
    "views_7" INTEGER NOT NULL DEFAULT 0,
    "views_30" INTEGER NOT NULL DEFAULT 0,
    "views_90" INTEGER NOT NULL DEFAULT 0,
    "views_all" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "post_view_windows_pkey" PRIMARY KEY ("post_id")
);

-- CreateTable
CREATE TABLE "view_window_state" (
    "id" BOOLEAN NOT NULL DEFAULT true,
    "as_of" DATE NOT NULL,

    CONSTRAINT "view_window_state_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "post_view_windows_views_7_post_id_idx" ON "post_view_windows"("views_7" DESC, "post_id");

-- CreateIndex
CREATE INDEX "post_view_windows_views_30_post_id_idx" ON "post_view_windows"("views_30" DESC, "post_id");

-- CreateIndex
CREATE INDEX "post_view_windows_views_90_post_id_idx" ON "post_view_windows"("views_90" DESC, "post_id");

-- CreateIndex
CREATE INDEX "post_view_windows_views_all_post_id_idx" ON "post_view_windows"("views_all" DESC, "post_id");

-- CreateIndex
CREATE INDEX "posts_updated_at_id_idx" ON "posts"("updated_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "posts_author_id_updated_at_id_idx" ON "posts"("author_id", "updated_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "posts_status_updated_at_id_idx" ON "posts"("status", "updated_at" DESC, "id" DESC);

-- AddForeignKey
ALTER TABLE "post_view_windows" ADD CONSTRAINT "post_view_windows_post_id_fkey" FOREIGN KEY ("post_id") REFERENCES "posts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The day the windows end on. Days after it are counted too (views are only ever written
-- for today, so that is today's until the next roll).
INSERT INTO "view_window_state" ("id", "as_of") VALUES (true, (now() AT TIME ZONE 'UTC')::date);

-- Applies signed deltas of post_view_days rows (inserted rows +, deleted rows -).
CREATE FUNCTION quire_apply_view_deltas(p_post text[], p_day date[], p_views int[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  w date;
BEGIN
  -- FOR SHARE: a roll of the windows (FOR UPDATE) waits for this statement, and this for it.
  SELECT s.as_of INTO w FROM view_window_state s FOR SHARE;
  INSERT INTO site_view_days (day, views)
  SELECT t.day, sum(t.views) FROM unnest(p_day, p_views) AS t(day, views)
   GROUP BY t.day HAVING sum(t.views) <> 0 ORDER BY t.day
  ON CONFLICT (day) DO UPDATE SET views = site_view_days.views + EXCLUDED.views;
  -- A post deleted by this very statement (cascade) has lost its windows row already.
  INSERT INTO post_view_windows (post_id, views_7, views_30, views_90, views_all)
  SELECT t.post_id,
         coalesce(sum(t.views) FILTER (WHERE t.day > w - 7), 0),
         coalesce(sum(t.views) FILTER (WHERE t.day > w - 30), 0),
         coalesce(sum(t.views) FILTER (WHERE t.day > w - 90), 0),
         sum(t.views)
    FROM unnest(p_post, p_day, p_views) AS t(post_id, day, views)
   WHERE EXISTS (SELECT 1 FROM posts p WHERE p.id = t.post_id)
   GROUP BY t.post_id HAVING sum(t.views) <> 0 ORDER BY t.post_id
  ON CONFLICT (post_id) DO UPDATE SET
    views_7 = post_view_windows.views_7 + EXCLUDED.views_7,
    views_30 = post_view_windows.views_30 + EXCLUDED.views_30,
    views_90 = post_view_windows.views_90 + EXCLUDED.views_90,
    views_all = post_view_windows.views_all + EXCLUDED.views_all;
END
$$;

-- One function for the three triggers: each branch reads only the transition tables its
-- event has (plpgsql plans a statement when it first runs it).
CREATE FUNCTION quire_post_view_days_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  d_posts text[]; d_days date[]; d_views int[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(n.post_id), array_agg(n.day), array_agg(n.views) INTO d_posts, d_days, d_views FROM new_rows n;
  ELSIF TG_OP = 'UPDATE' THEN
    SELECT array_agg(d.post_id), array_agg(d.day), array_agg(d.views) INTO d_posts, d_days, d_views
      FROM (SELECT n.post_id, n.day, n.views FROM new_rows n UNION ALL SELECT o.post_id, o.day, -o.views FROM old_rows o) d;
  ELSE
    SELECT array_agg(o.post_id), array_agg(o.day), array_agg(-o.views) INTO d_posts, d_days, d_views FROM old_rows o;
  END IF;
  IF d_posts IS NOT NULL THEN
    PERFORM quire_apply_view_deltas(d_posts, d_days, d_views);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER post_view_days_rollup_insert AFTER INSERT ON post_view_days
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION quire_post_view_days_rollup();
CREATE TRIGGER post_view_days_rollup_update AFTER UPDATE ON post_view_days
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION quire_post_view_days_rollup();
CREATE TRIGGER post_view_days_rollup_delete AFTER DELETE ON post_view_days
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION quire_post_view_days_rollup();

-- Comments per day of created_at and status (DELETED is not counted). An UPDATE that
-- changes no status (a like, an edit) adds and removes the same row: nothing is written.
CREATE FUNCTION quire_apply_comment_deltas(p_day date[], p_status text[], p_n int[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO site_comment_days (day, visible, held, hidden)
  SELECT day, coalesce(sum(n) FILTER (WHERE status = 'VISIBLE'), 0),
         coalesce(sum(n) FILTER (WHERE status = 'HELD'), 0),
         coalesce(sum(n) FILTER (WHERE status = 'HIDDEN'), 0)
    FROM unnest(p_day, p_status, p_n) AS t(day, status, n)
   WHERE status IN ('VISIBLE', 'HELD', 'HIDDEN')
   GROUP BY day
  HAVING coalesce(sum(n) FILTER (WHERE status = 'VISIBLE'), 0) <> 0
      OR coalesce(sum(n) FILTER (WHERE status = 'HELD'), 0) <> 0
      OR coalesce(sum(n) FILTER (WHERE status = 'HIDDEN'), 0) <> 0
   ORDER BY day
  ON CONFLICT (day) DO UPDATE SET
    visible = site_comment_days.visible + EXCLUDED.visible,
    held = site_comment_days.held + EXCLUDED.held,
    hidden = site_comment_days.hidden + EXCLUDED.hidden
$$;

CREATE FUNCTION quire_comments_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  d_days date[]; d_statuses text[]; d_ns int[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(n.created_at::date), array_agg(n.status::text), array_agg(1) INTO d_days, d_statuses, d_ns FROM new_rows n;
  ELSIF TG_OP = 'UPDATE' THEN
    SELECT array_agg(d.day), array_agg(d.status), array_agg(d.n) INTO d_days, d_statuses, d_ns
      FROM (SELECT n.created_at::date AS day, n.status::text AS status, 1 AS n FROM new_rows n
            UNION ALL SELECT o.created_at::date, o.status::text, -1 FROM old_rows o) d;
  ELSE
    SELECT array_agg(o.created_at::date), array_agg(o.status::text), array_agg(-1) INTO d_days, d_statuses, d_ns FROM old_rows o;
  END IF;
  IF d_days IS NOT NULL THEN
    PERFORM quire_apply_comment_deltas(d_days, d_statuses, d_ns);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER comments_rollup_insert AFTER INSERT ON comments
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION quire_comments_rollup();
CREATE TRIGGER comments_rollup_update AFTER UPDATE ON comments
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION quire_comments_rollup();
CREATE TRIGGER comments_rollup_delete AFTER DELETE ON comments
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION quire_comments_rollup();

-- Slides the windows to p_today: subtracts, per post, the days that left each window since
-- as_of. Idempotent; a p_today not after as_of changes nothing. Returns the new as_of.
CREATE FUNCTION quire_roll_view_windows(p_today date) RETURNS date LANGUAGE plpgsql AS $$
DECLARE
  w date;
BEGIN
  SELECT s.as_of INTO w FROM view_window_state s FOR UPDATE;
  IF w >= p_today THEN
    RETURN w;
  END IF;
  UPDATE post_view_windows pw
     SET views_7 = pw.views_7 - l.d7, views_30 = pw.views_30 - l.d30, views_90 = pw.views_90 - l.d90
    FROM (SELECT post_id,
                 coalesce(sum(views) FILTER (WHERE day > w - 7 AND day <= p_today - 7), 0) AS d7,
                 coalesce(sum(views) FILTER (WHERE day > w - 30 AND day <= p_today - 30), 0) AS d30,
                 coalesce(sum(views) FILTER (WHERE day > w - 90 AND day <= p_today - 90), 0) AS d90
            FROM post_view_days
           WHERE day > w - 90 AND day <= p_today - 7
           GROUP BY post_id) l
   WHERE pw.post_id = l.post_id AND (l.d7 <> 0 OR l.d30 <> 0 OR l.d90 <> 0);
  UPDATE view_window_state SET as_of = p_today;
  RETURN p_today;
END
$$;

-- Backfill from the rows there are, then the triggers keep them.
INSERT INTO site_view_days (day, views)
SELECT day, sum(views) FROM post_view_days GROUP BY day HAVING sum(views) <> 0;

INSERT INTO post_view_windows (post_id, views_7, views_30, views_90, views_all)
SELECT v.post_id,
       coalesce(sum(v.views) FILTER (WHERE v.day > s.as_of - 7), 0),
       coalesce(sum(v.views) FILTER (WHERE v.day > s.as_of - 30), 0),
       coalesce(sum(v.views) FILTER (WHERE v.day > s.as_of - 90), 0),
       sum(v.views)
  FROM post_view_days v CROSS JOIN view_window_state s
 GROUP BY v.post_id HAVING sum(v.views) <> 0;

INSERT INTO site_comment_days (day, visible, held, hidden)
SELECT created_at::date, count(*) FILTER (WHERE status = 'VISIBLE'), count(*) FILTER (WHERE status = 'HELD'), count(*) FILTER (WHERE status = 'HIDDEN')
  FROM comments WHERE status IN ('VISIBLE', 'HELD', 'HIDDEN')
 GROUP BY 1;
