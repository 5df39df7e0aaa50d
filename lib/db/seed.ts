// Demo data for the embedded default (never with APP_ENV=production). Idempotent: accounts
// that already exist are left alone. The README lists these accounts and passwords.
import { DEMO_ADMIN_EMAIL } from "@/lib/env";
import type { PortalPrisma } from "./connect";
import { hashPassword } from "@/lib/security/password";

export const DEMO_ACCOUNTS = [
  { email: "partner@example.com", password: "partner-demo-2026", name: "Pat Partner", organization: "Example Client Ltd" },
  { email: "other@example.com", password: "other-demo-2026", name: "Olga Other", organization: "Other Fintech AS" },
  { email: DEMO_ADMIN_EMAIL, password: "admin-demo-2026", name: "Ada Admin", organization: null },
] as const;

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
        ...(account.organization
          ? { membership: { create: { role: "OWNER", organization: { create: { name: account.organization } } } } }
          : {}),
      },
      select: { id: true },
    });
    created.push(account.email);
  }
  return created;
}
