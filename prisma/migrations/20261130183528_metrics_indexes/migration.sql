-- CreateIndex
CREATE INDEX "Organization_createdAt_idx" ON "Organization"("createdAt");

-- CreateIndex
CREATE INDEX "Revision_status_decidedAt_submittedAt_decidedById_idx" ON "Revision"("status", "decidedAt", "submittedAt", "decidedById");
