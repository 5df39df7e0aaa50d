-- CreateEnum
CREATE TYPE "TestRunStatus" AS ENUM ('pending', 'running', 'passed', 'failed', 'expired');

-- AlterTable
-- Edited by hand: Prisma's diff drops and re-adds the column, which would lose every run's
-- outcome. Convert in place instead; a value outside the enum (none is ever written) counts
-- as failed, as the portal already read it.
UPDATE "TestRun" SET "status" = 'failed' WHERE "status" NOT IN ('pending', 'running', 'passed', 'failed', 'expired');
ALTER TABLE "TestRun" ALTER COLUMN "status" DROP DEFAULT;
ALTER TABLE "TestRun" ALTER COLUMN "status" TYPE "TestRunStatus" USING ("status"::"TestRunStatus");
ALTER TABLE "TestRun" ALTER COLUMN "status" SET DEFAULT 'pending';
