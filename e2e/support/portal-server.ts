import { spawn, type ChildProcess } from "node:child_process";

// Another portal next to the suite's own one, for a spec that needs a different configuration
// (e.g. APP_ENV=production). Same build; its own port and DATA_DIR (wiped by serve.mjs); its
// output in DATA_DIR/server.log. Stopped by its process id.

export type Portal = { url: string; stop(): Promise<void> };

/** Variables of the suite's own portal and the caller's shell that must not leak into this one. */
const INHERITED = /^(APP_ENV|APP_URL|PORT|DATA_DIR|DATABASE_URL|AUTH_|DATA_ENCRYPTION_KEY|SMTP_URL|OAUTH_|SANDBOX_USERS|ADMIN_EMAILS)/;

export async function startPortal(port: number, vars: Record<string, string>): Promise<Portal> {
  const url = `http://localhost:${port}`;
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !INHERITED.test(k)));
  const child: ChildProcess = spawn(process.execPath, ["e2e/support/serve.mjs"], {
    env: { ...(base as NodeJS.ProcessEnv), NEXT_TELEMETRY_DISABLED: "1", PORT: String(port), APP_URL: url, DATA_DIR: `.data/e2e-${port}`, ...vars },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The portal on ${url} exited (${child.exitCode}):\n${stderr}`);
    const ok = await fetch(`${url}/sign-in`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill("SIGTERM");
      throw new Error(`The portal on ${url} did not start within 2 minutes:\n${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
