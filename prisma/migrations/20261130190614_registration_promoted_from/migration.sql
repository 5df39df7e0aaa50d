-- AlterTable
ALTER TABLE "Registration" ADD COLUMN     "promotedFromId" UUID;

-- CreateIndex
CREATE UNIQUE INDEX "Registration_promotedFromId_key" ON "Registration"("promotedFromId");

-- AddForeignKey
ALTER TABLE "Registration" ADD CONSTRAINT "Registration_promotedFromId_fkey" FOREIGN KEY ("promotedFromId") REFERENCES "Registration"("id") ON DELETE SET NULL ON UPDATE CASCADE;
