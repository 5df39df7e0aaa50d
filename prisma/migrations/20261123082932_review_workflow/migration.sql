-- AlterTable
ALTER TABLE "Registration" ADD COLUMN     "reviewStatus" "RevisionStatus",
ADD COLUMN     "searchText" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "submittedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Revision" ADD COLUMN     "claimedAt" TIMESTAMP(3),
ADD COLUMN     "claimedById" UUID,
ADD COLUMN     "decidedAt" TIMESTAMP(3),
ADD COLUMN     "decidedById" UUID,
ADD COLUMN     "decisionNote" TEXT;

-- CreateTable
CREATE TABLE "ReviewComment" (
    "id" UUID NOT NULL,
    "revisionId" UUID NOT NULL,
    "authorId" UUID NOT NULL,
    "field" TEXT,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReviewComment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" UUID,
    "actorName" TEXT,
    "actorEmail" TEXT,
    "actorRole" TEXT NOT NULL,
    "organizationId" UUID,
    "registrationId" UUID,
    "revisionNumber" INTEGER,
    "action" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReviewComment_revisionId_createdAt_idx" ON "ReviewComment"("revisionId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_createdAt_idx" ON "AuditEvent"("createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_registrationId_createdAt_idx" ON "AuditEvent"("registrationId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_organizationId_createdAt_idx" ON "AuditEvent"("organizationId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_action_createdAt_idx" ON "AuditEvent"("action", "createdAt");

-- CreateIndex
CREATE INDEX "Registration_reviewStatus_submittedAt_idx" ON "Registration"("reviewStatus", "submittedAt");

-- CreateIndex
CREATE INDEX "Registration_environment_reviewStatus_submittedAt_idx" ON "Registration"("environment", "reviewStatus", "submittedAt");

-- CreateIndex
CREATE INDEX "Registration_organizationId_reviewStatus_submittedAt_idx" ON "Registration"("organizationId", "reviewStatus", "submittedAt");

-- AddForeignKey
ALTER TABLE "Revision" ADD CONSTRAINT "Revision_claimedById_fkey" FOREIGN KEY ("claimedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Revision" ADD CONSTRAINT "Revision_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewComment" ADD CONSTRAINT "ReviewComment_revisionId_fkey" FOREIGN KEY ("revisionId") REFERENCES "Revision"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewComment" ADD CONSTRAINT "ReviewComment_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written (Prisma cannot express these):
-- Trigram search over client name, organization name and contact e-mails in the admin queue.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX "Registration_searchText_trgm_idx" ON "Registration" USING gin ("searchText" gin_trgm_ops);

-- The audit log is append-only: refuse UPDATE and DELETE whoever asks.
CREATE FUNCTION "audit_event_append_only"() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'AuditEvent rows are append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER "AuditEvent_append_only" BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION "audit_event_append_only"();
CREATE TRIGGER "AuditEvent_no_truncate" BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_event_append_only"();
