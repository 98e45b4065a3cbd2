-- posts.like_count is the number of post_likes rows of the post, kept by the database
-- itself in the transaction that inserts or deletes them: the like action, and any
-- cascade (a user's account deleted takes their likes with it) or SQL console, so the
-- count cannot drift from the rows. Statement-level with transition tables: a cascade of
-- thousands of likes is one UPDATE of the posts involved, not one per like. Hand-written,
-- as Prisma does not model triggers.

CREATE FUNCTION quire_post_likes_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE posts p SET like_count = p.like_count + d.n
      FROM (SELECT post_id, count(*)::int AS n FROM new_rows GROUP BY post_id) d
     WHERE p.id = d.post_id;
  ELSE
    UPDATE posts p SET like_count = p.like_count - d.n
      FROM (SELECT post_id, count(*)::int AS n FROM old_rows GROUP BY post_id) d
     WHERE p.id = d.post_id;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER post_likes_count_insert AFTER INSERT ON post_likes
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION quire_post_likes_count();
CREATE TRIGGER post_likes_count_delete AFTER DELETE ON post_likes
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION quire_post_likes_count();

-- Nothing wrote post_likes before, but a site may have rows from a SQL console or an import.
UPDATE posts p SET like_count = l.n
  FROM (SELECT post_id, count(*)::int AS n FROM post_likes GROUP BY post_id) l
 WHERE p.id = l.post_id AND p.like_count <> l.n;
UPDATE posts SET like_count = 0
 WHERE like_count <> 0 AND NOT EXISTS (SELECT 1 FROM post_likes l WHERE l.post_id = posts.id);
