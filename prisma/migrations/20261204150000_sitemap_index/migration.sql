-- The sitemap index's children over every live post (lib/dal/sitemap-queries.ts): with
-- updated_at, status and deleted_at in the index, the ranking and each child's newest
-- updated_at come from an index-only scan in (published_at, id) order. At 100,000 posts:
-- 298 ms (sequential scan of 165 MB and a sort spilling to disk) → 124 ms; the categories'
-- and tags' children 250 → 194 ms (bench/README.md).
-- CreateIndex
CREATE INDEX "posts_sitemap_idx" ON "posts"("published_at", "id", "updated_at", "status", "deleted_at");
