import "server-only";
import { db } from "./index";

export async function storeMail(message: { to: string; subject: string; text: string }) {
  return (await db()).mailMessage.create({ data: message, select: { id: true } });
}

export async function listOutbox(take = 100) {
  return (await db()).mailMessage.findMany({
    orderBy: { createdAt: "desc" },
    take,
    select: { id: true, to: true, subject: true, text: true, status: true, createdAt: true, attempts: true, lastError: true },
  });
}

export async function dueMail(take = 20) {
  return (await db()).mailMessage.findMany({
    where: { status: "PENDING", nextAttemptAt: { lte: new Date() } },
    orderBy: { createdAt: "asc" },
    take,
    select: { id: true, to: true, subject: true, text: true, attempts: true },
  });
}

export async function markMailSent(id: string) {
  await (await db()).mailMessage.update({ where: { id }, data: { status: "SENT", sentAt: new Date(), attempts: { increment: 1 } } });
}

export async function markMailAttemptFailed(id: string, error: string, giveUp: boolean, retryAt: Date) {
  await (await db()).mailMessage.update({
    where: { id },
    data: { status: giveUp ? "FAILED" : "PENDING", lastError: error.slice(0, 500), attempts: { increment: 1 }, nextAttemptAt: retryAt },
  });
}
