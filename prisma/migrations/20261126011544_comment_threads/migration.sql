-- AlterTable
ALTER TABLE "comments" ADD COLUMN     "root_id" TEXT;

-- CreateIndex
CREATE INDEX "comments_root_id_created_at_idx" ON "comments"("root_id", "created_at");

-- CreateIndex
CREATE INDEX "comments_post_id_parent_id_created_at_idx" ON "comments"("post_id", "parent_id", "created_at" DESC);
