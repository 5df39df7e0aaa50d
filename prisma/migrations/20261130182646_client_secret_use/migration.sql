-- CreateTable
CREATE TABLE "ClientSecretUse" (
    "clientId" TEXT NOT NULL,
    "secretSha256" TEXT NOT NULL,
    "lastUsedAt" TIMESTAMP(3),
    "lastTestedAt" TIMESTAMP(3),

    CONSTRAINT "ClientSecretUse_pkey" PRIMARY KEY ("clientId","secretSha256")
);
