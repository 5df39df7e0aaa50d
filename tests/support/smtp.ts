// A real SMTP server on loopback (the smtp-server package) that records what it accepts, so
// mail tests go through nodemailer, a socket and the SMTP dialogue rather than a mock
// transport. It can be stopped and started again on the same port, to play an outage.
import net from "node:net";
import { SMTPServer } from "smtp-server";

export type Received = { to: string[]; subject: string; raw: string };

export type LoopbackSmtp = {
  url: string;
  received: Received[];
  /** Subjects accepted, and how many times each. */
  counts(): Map<string, number>;
  start(): Promise<void>;
  stop(): Promise<void>;
};

/** A port nothing listens on yet (taken and released by the OS on loopback). */
async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** `delayMs` holds every message before accepting it, to widen races with a slow server. */
export async function loopbackSmtp(options: { delayMs?: number } = {}): Promise<LoopbackSmtp> {
  const port = await freePort();
  const received: Received[] = [];
  let server: SMTPServer | undefined;

  const create = () =>
    new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", () => {
          const raw = Buffer.concat(chunks).toString("utf8");
          const subject = /^Subject: (.*)$/im.exec(raw)?.[1]?.trim() ?? "";
          setTimeout(() => {
            received.push({ to: session.envelope.rcptTo.map((r) => r.address), subject, raw });
            callback();
          }, options.delayMs ?? 0);
        });
      },
    });

  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    counts() {
      const map = new Map<string, number>();
      for (const r of received) map.set(r.subject, (map.get(r.subject) ?? 0) + 1);
      return map;
    },
    async start() {
      server = create();
      await new Promise<void>((resolve, reject) => {
        server!.server.once("error", reject);
        server!.listen(port, "127.0.0.1", () => resolve());
      });
    },
    async stop() {
      const s = server;
      server = undefined;
      if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
    },
  };
}
