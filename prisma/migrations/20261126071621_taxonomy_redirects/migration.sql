-- CreateTable
CREATE TABLE "taxonomy_redirects" (
    "kind" VARCHAR(8) NOT NULL,
    "from_slug" TEXT NOT NULL,
    "category_id" TEXT,
    "tag_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "taxonomy_redirects_pkey" PRIMARY KEY ("kind","from_slug")
);

-- CreateIndex
CREATE INDEX "taxonomy_redirects_category_id_idx" ON "taxonomy_redirects"("category_id");

-- CreateIndex
CREATE INDEX "taxonomy_redirects_tag_id_idx" ON "taxonomy_redirects"("tag_id");

-- AddForeignKey
ALTER TABLE "taxonomy_redirects" ADD CONSTRAINT "taxonomy_redirects_category_id_fkey" FOREIGN KEY ("category_id") REFERENCES "categories"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "taxonomy_redirects" ADD CONSTRAINT "taxonomy_redirects_tag_id_fkey" FOREIGN KEY ("tag_id") REFERENCES "tags"("id") ON DELETE CASCADE ON UPDATE CASCADE;

