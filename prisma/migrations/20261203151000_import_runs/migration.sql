-- Imports from /admin/import (lib/dal/import-runs.ts): each upload's run, and its file until the run ends.
-- CreateTable
CREATE TABLE "import_runs" (
    "id" TEXT NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "file_name" TEXT NOT NULL,
    "dry_run" BOOLEAN NOT NULL,
    "done" INTEGER NOT NULL DEFAULT 0,
    "total" INTEGER NOT NULL DEFAULT 0,
    "report" JSONB,
    "error" TEXT,
    "created_by" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMP(3),

    CONSTRAINT "import_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "import_files" (
    "run_id" TEXT NOT NULL,
    "data" BYTEA NOT NULL,

    CONSTRAINT "import_files_pkey" PRIMARY KEY ("run_id")
);

-- CreateIndex
CREATE INDEX "import_runs_status_idx" ON "import_runs"("status");

-- AddForeignKey
ALTER TABLE "import_files" ADD CONSTRAINT "import_files_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "import_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;


