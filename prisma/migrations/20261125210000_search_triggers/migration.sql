-- Full-text search: posts.search is kept current by triggers, whoever writes the post
-- (the admin, the seed, a SQL console). Weights: title A, excerpt and tags B, body C.
-- Prisma does not model functions or triggers, so this migration is hand-written.

CREATE OR REPLACE FUNCTION quire_post_search_vector(p_title text, p_excerpt text, p_body text, p_post_id text)
RETURNS tsvector LANGUAGE sql STABLE AS $$
  SELECT
    setweight(to_tsvector('english', coalesce(p_title, '')), 'A') ||
    setweight(to_tsvector('english', coalesce(p_excerpt, '')), 'B') ||
    setweight(to_tsvector('english', coalesce((
      SELECT string_agg(t.name, ' ') FROM post_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.post_id = p_post_id
    ), '')), 'B') ||
    setweight(to_tsvector('english', coalesce(p_body, '')), 'C')
$$;

CREATE OR REPLACE FUNCTION quire_posts_search_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search := quire_post_search_vector(NEW.title, NEW.excerpt, NEW.body, NEW.id);
  RETURN NEW;
END
$$;

CREATE TRIGGER posts_search_update
  BEFORE INSERT OR UPDATE OF title, excerpt, body ON posts
  FOR EACH ROW EXECUTE FUNCTION quire_posts_search_trigger();

-- Tags are part of the document: re-index a post when its tags change or a tag is renamed.
CREATE OR REPLACE FUNCTION quire_post_tags_search_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'post_tags' THEN
    UPDATE posts p SET search = quire_post_search_vector(p.title, p.excerpt, p.body, p.id)
      WHERE p.id = CASE WHEN TG_OP = 'DELETE' THEN OLD.post_id ELSE NEW.post_id END;
  ELSE
    UPDATE posts p SET search = quire_post_search_vector(p.title, p.excerpt, p.body, p.id)
      WHERE p.id IN (SELECT post_id FROM post_tags WHERE tag_id = NEW.id);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER post_tags_search_update
  AFTER INSERT OR DELETE ON post_tags
  FOR EACH ROW EXECUTE FUNCTION quire_post_tags_search_trigger();

CREATE TRIGGER tags_search_update
  AFTER UPDATE OF name ON tags
  FOR EACH ROW EXECUTE FUNCTION quire_post_tags_search_trigger();
