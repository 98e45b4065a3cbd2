-- Search at 100,000 posts (see bench/README.md, "Search at scale"): title matches rank
-- first, and a word common in bodies must not make the title matches expensive to find,
-- so titles get a tsvector of their own with its own GIN index. Kept by the same trigger
-- as posts.search (a title change fires it).

-- AlterTable
ALTER TABLE "posts" ADD COLUMN "title_search" tsvector;

CREATE OR REPLACE FUNCTION quire_posts_search_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search := quire_post_search_vector(NEW.title, NEW.excerpt, NEW.body, NEW.id);
  NEW.title_search := to_tsvector('english'::regconfig, coalesce(NEW.title, ''));
  RETURN NEW;
END
$$;

UPDATE "posts" SET "title_search" = to_tsvector('english'::regconfig, coalesce("title", ''));

-- CreateIndex
CREATE INDEX "posts_title_search_idx" ON "posts" USING GIN ("title_search");
