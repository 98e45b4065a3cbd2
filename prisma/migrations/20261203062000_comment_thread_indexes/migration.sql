-- A post with 20,000 comments (5,000 threads): counting its shown threads and paging them
-- read every top-level comment's table row for its status (900 heap pages, 60-130 ms cold).
-- These indexes hold the status and each sort's order after an equality on depth, so the
-- count and the page are index-only scans (bench/README.md, "The 20,000-comment post").

-- DropIndex
DROP INDEX "comments_post_id_parent_id_created_at_idx";

-- CreateIndex
CREATE INDEX "comments_post_id_depth_created_at_id_status_idx" ON "comments"("post_id", "depth", "created_at" DESC, "id" DESC, "status");

-- CreateIndex
CREATE INDEX "comments_post_id_depth_like_count_created_at_id_status_idx" ON "comments"("post_id", "depth", "like_count" DESC, "created_at" DESC, "id" DESC, "status");

-- CreateIndex
CREATE INDEX "comments_created_at_id_idx" ON "comments"("created_at" DESC, "id" DESC);
