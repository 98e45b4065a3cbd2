-- Imports write posts and their tags in batches (lib/dal/import-posts.ts): the per-row
-- triggers would compute a post's search document once when it is inserted and again for
-- every tag row after it. With the transaction-local setting quire.search_deferred = 'on'
-- the triggers leave posts.search and posts.title_search alone; the writer then fills them
-- once per post through quire_post_search_vector, as the triggers would (and turns the
-- setting off again). Any other writer never sets it, so nothing changes for them.

CREATE OR REPLACE FUNCTION quire_posts_search_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('quire.search_deferred', true) = 'on' THEN
    RETURN NEW;
  END IF;
  NEW.search := quire_post_search_vector(NEW.title, NEW.excerpt, NEW.body, NEW.id);
  NEW.title_search := to_tsvector('english'::regconfig, coalesce(NEW.title, ''));
  RETURN NEW;
END
$$;

CREATE OR REPLACE FUNCTION quire_post_tags_search_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('quire.search_deferred', true) = 'on' THEN
    RETURN NULL;
  END IF;
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
