-- The search document of a post from its parts, tags given as text: set-based writers (the
-- large-data generator, scripts/lib/large-data.mjs) compute posts.search in the INSERT itself
-- with the triggers off, through the very function the triggers use. Weights unchanged:
-- title A, excerpt and tags B, body C. Tags now in id order, so the document of a post
-- no longer depends on the plan that read its tags.

CREATE OR REPLACE FUNCTION quire_post_search_document(p_title text, p_excerpt text, p_tag_names text, p_body text)
RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT
    setweight(to_tsvector('english'::regconfig, coalesce(p_title, '')), 'A') ||
    setweight(to_tsvector('english'::regconfig, coalesce(p_excerpt, '')), 'B') ||
    setweight(to_tsvector('english'::regconfig, coalesce(p_tag_names, '')), 'B') ||
    setweight(to_tsvector('english'::regconfig, coalesce(p_body, '')), 'C')
$$;

CREATE OR REPLACE FUNCTION quire_post_search_vector(p_title text, p_excerpt text, p_body text, p_post_id text)
RETURNS tsvector LANGUAGE sql STABLE AS $$
  SELECT quire_post_search_document(p_title, p_excerpt, (
    SELECT string_agg(t.name, ' ' ORDER BY t.id) FROM post_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.post_id = p_post_id
  ), p_body)
$$;
