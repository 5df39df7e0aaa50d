import type { Prisma } from "@/lib/generated/prisma/client";
import type { AuditActor } from "./audit";

// Who acts, as the data layer and the audit log see them (never more of the user than this).

export type Person = { id: string; name: string; email: string };
export type Tx = Prisma.TransactionClient;

export function personOf(user: Person): Person {
  return { id: user.id, name: user.name, email: user.email };
}

export const asAdmin = (p: Person): AuditActor => ({ ...p, role: "admin" });
export const asPartner = (p: Person): AuditActor => ({ ...p, role: "partner" });
