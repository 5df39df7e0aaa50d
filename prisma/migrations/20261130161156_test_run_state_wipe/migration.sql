-- AlterTable
ALTER TABLE "TestRun" ALTER COLUMN "stateHash" DROP NOT NULL,
ALTER COLUMN "codeVerifierEnc" DROP NOT NULL;
