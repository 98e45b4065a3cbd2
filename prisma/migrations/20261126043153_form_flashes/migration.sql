-- CreateTable
CREATE TABLE "form_flashes" (
    "id" VARCHAR(32) NOT NULL,
    "payload" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "form_flashes_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "form_flashes_created_at_idx" ON "form_flashes"("created_at");
