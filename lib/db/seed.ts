// Demo data for the embedded default (never with APP_ENV=production). Idempotent: accounts
// that already exist are left alone. The README lists these accounts and passwords.
import { DEMO_ACCOUNTS, DEMO_ADMIN_EMAIL, DEMO_ADMIN_TOTP_SECRET } from "./demo-accounts";
import type { PortalPrisma } from "./connect";
import { encryptSecret } from "@/lib/security/crypto";
import { hashPassword } from "@/lib/security/password";

export async function seedDemoData(prisma: PortalPrisma): Promise<string[]> {
  const created: string[] = [];
  for (const account of DEMO_ACCOUNTS) {
    const exists = await prisma.user.findUnique({ where: { email: account.email }, select: { id: true } });
    if (exists) continue;
    await prisma.user.create({
      data: {
        email: account.email,
        name: account.name,
        passwordHash: await hashPassword(account.password),
        emailVerified: new Date(),
        isStaff: account.organization === null,
        ...(account.organization ? { membership: { create: { role: "OWNER", organization: { create: { name: account.organization } } } } } : {}),
      },
      select: { id: true },
    });
    created.push(account.email);
  }
  const admin = await prisma.user.findUnique({ where: { email: DEMO_ADMIN_EMAIL }, select: { id: true, _count: { select: { secondFactors: true } } } });
  if (admin && admin._count.secondFactors === 0) {
    await prisma.secondFactor.create({
      data: { userId: admin.id, kind: "TOTP", label: "Demo authenticator (npm run demo:totp)", totpSecretEnc: encryptSecret(DEMO_ADMIN_TOTP_SECRET) },
      select: { id: true },
    });
  }
  return created;
}
