-- Hand-written (Prisma cannot express partial indexes). The admin queue's unfiltered first page
-- and its per-organization filter order submitted registrations by submittedAt, id; without
-- these, the first page scans and sorts the whole table (measured in bench/queue.mjs).
CREATE INDEX "Registration_queue_submittedAt_id_idx" ON "Registration" ("submittedAt", "id") WHERE "reviewStatus" IS NOT NULL;
CREATE INDEX "Registration_queue_org_submittedAt_id_idx" ON "Registration" ("organizationId", "submittedAt", "id") WHERE "reviewStatus" IS NOT NULL;
