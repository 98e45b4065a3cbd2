-- DropIndex
DROP INDEX "posts_status_published_at_id_idx";

-- CreateIndex
CREATE INDEX "posts_published_at_id_idx" ON "posts"("published_at" DESC, "id" DESC);
