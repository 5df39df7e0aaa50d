-- AlterTable
ALTER TABLE "Registration" ADD COLUMN     "autoApprovedAt" TIMESTAMP(3),
ADD COLUMN     "spotCheckedAt" TIMESTAMP(3),
ADD COLUMN     "spotCheckedById" UUID;

-- AlterTable
ALTER TABLE "Revision" ADD COLUMN     "policyHold" JSONB;

-- CreateTable
CREATE TABLE "Policy" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "version" INTEGER NOT NULL DEFAULT 1,
    "enabled" BOOLEAN NOT NULL,
    "allowedScopes" TEXT[],
    "blockingWarnings" TEXT[],
    "allowedDomains" TEXT[],
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedById" UUID,

    CONSTRAINT "Policy_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Registration_autoApprovedAt_idx" ON "Registration"("autoApprovedAt");

-- Added by hand (Prisma cannot express it): the policy is a single row.
ALTER TABLE "Policy" ADD CONSTRAINT "Policy_single_row" CHECK ("id" = 1);
