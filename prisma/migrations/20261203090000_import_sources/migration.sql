-- Imports (lib/import, npm run import): what came from which export record, and the old addresses of imported posts.
-- CreateTable
CREATE TABLE "import_sources" (
    "source" TEXT NOT NULL,
    "kind" VARCHAR(16) NOT NULL,
    "source_id" TEXT NOT NULL,
    "target_id" TEXT NOT NULL,
    "hash" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "import_sources_pkey" PRIMARY KEY ("source","kind","source_id")
);

-- CreateTable
CREATE TABLE "legacy_paths" (
    "path" TEXT NOT NULL,
    "post_id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "legacy_paths_pkey" PRIMARY KEY ("path")
);

-- CreateIndex
CREATE INDEX "import_sources_kind_target_id_idx" ON "import_sources"("kind", "target_id");

-- CreateIndex
CREATE INDEX "legacy_paths_post_id_idx" ON "legacy_paths"("post_id");

-- AddForeignKey
ALTER TABLE "legacy_paths" ADD CONSTRAINT "legacy_paths_post_id_fkey" FOREIGN KEY ("post_id") REFERENCES "posts"("id") ON DELETE CASCADE ON UPDATE CASCADE;


