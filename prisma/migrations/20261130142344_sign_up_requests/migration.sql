-- Hand-written data migration (Prisma cannot express it), placed before the generated
-- statements because the enum change below needs it; the generated BEGIN/COMMIT were removed
-- because the migration runner already applies each file in one transaction.
--
-- Accounts whose address was never confirmed carry a password chosen by whoever typed the
-- address, not necessarily its owner (pen-test finding: account pre-hijacking). From now on an
-- account exists only once its address is confirmed. These accounts could never sign in, so
-- nothing was done with them: they go, with organizations left without any member or
-- registration. A row that something still points at (none is expected) stays, without its
-- password, so that no stranger's password can ever open it.
DELETE FROM "User" u
WHERE u."emailVerified" IS NULL
  AND NOT EXISTS (SELECT 1 FROM "Registration" r WHERE r."createdById" = u.id)
  AND NOT EXISTS (
    SELECT 1 FROM "Revision" v
    WHERE u.id IN (v."createdById", v."updatedById", v."submittedById", v."claimedById", v."decidedById")
  )
  AND NOT EXISTS (SELECT 1 FROM "Logo" l WHERE l."createdById" = u.id)
  AND NOT EXISTS (SELECT 1 FROM "ReviewComment" c WHERE c."authorId" = u.id);
DELETE FROM "Organization" o
WHERE NOT EXISTS (SELECT 1 FROM "Membership" m WHERE m."organizationId" = o.id)
  AND NOT EXISTS (SELECT 1 FROM "Registration" r WHERE r."organizationId" = o.id);
UPDATE "User" SET "passwordHash" = NULL WHERE "emailVerified" IS NULL;
-- Confirmation links now belong to sign-up requests.
DELETE FROM "AuthToken" WHERE "type"::text = 'VERIFY_EMAIL';

-- AlterEnum
CREATE TYPE "AuthTokenType_new" AS ENUM ('RESET_PASSWORD');
ALTER TABLE "AuthToken" ALTER COLUMN "type" TYPE "AuthTokenType_new" USING ("type"::text::"AuthTokenType_new");
ALTER TYPE "AuthTokenType" RENAME TO "AuthTokenType_old";
ALTER TYPE "AuthTokenType_new" RENAME TO "AuthTokenType";
DROP TYPE "AuthTokenType_old";

-- CreateTable
CREATE TABLE "SignUpRequest" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SignUpRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SignUpRequest_tokenHash_key" ON "SignUpRequest"("tokenHash");

-- CreateIndex
CREATE INDEX "SignUpRequest_email_createdAt_idx" ON "SignUpRequest"("email", "createdAt");
