-- /admin/stats counts the published posts on every view: a sequential scan of posts (20,000
-- pages at 100,000 posts). With status, published_at and deleted_at in one index the count
-- is an index-only scan.

-- CreateIndex
CREATE INDEX "posts_status_published_at_deleted_at_idx" ON "posts"("status", "published_at", "deleted_at");
