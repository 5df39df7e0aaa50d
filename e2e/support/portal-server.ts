import { spawn, type ChildProcess } from "node:child_process";

// Another portal next to the suite's own one, for a spec that needs a different configuration
// (e.g. APP_ENV=production, PostgreSQL, several instances). Same build; its own port and
// DATA_DIR (wiped by serve.mjs unless KEEP_DATA=1); its output in DATA_DIR/server.log. It runs
// in a process group of its own (serve.mjs → scripts/start.mjs, which serves server.mjs in its own process), so a test can
// stop all of it at once, gently (SIGTERM) or not (SIGKILL).

export type Portal = {
  url: string;
  port: number;
  /** SIGTERM to the whole group; resolves with the exit code of serve.mjs (that of the server). */
  stop(): Promise<number | null>;
  /** SIGKILL to the whole group: nothing gets to clean up. */
  kill(): Promise<void>;
  /** What it printed to stderr lately. */
  stderr(): string;
};

/** Variables of the suite's own portal and the caller's shell that must not leak into this one. */
const INHERITED =
  /^(APP_ENV|APP_URL|PORT|DATA_DIR|DATABASE_URL|AUTH_|DATA_ENCRYPTION_KEY|SMTP_URL|OAUTH_|SANDBOX_USERS|ADMIN_EMAILS|TRUST_PROXY|KEEP_DATA|STAFF_SSO_ONLY)/;

export async function startPortal(port: number, vars: Record<string, string>, { timeoutMs = 120_000 } = {}): Promise<Portal> {
  const url = `http://localhost:${port}`;
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !INHERITED.test(k)));
  const child: ChildProcess = spawn(process.execPath, ["e2e/support/serve.mjs"], {
    env: { ...(base as NodeJS.ProcessEnv), NEXT_TELEMETRY_DISABLED: "1", PORT: String(port), APP_URL: url, DATA_DIR: `.data/e2e-${port}`, ...vars },
    stdio: ["ignore", "ignore", "pipe"],
    detached: true,
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-8000)));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      /* already gone */
    }
  };
  const probe = vars.PROBE_URL ?? `${url}/sign-in`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The portal on ${url} exited (${child.exitCode}):\n${stderr}`);
    const ok = await fetch(probe).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      signalGroup("SIGKILL");
      throw new Error(`The portal on ${url} did not start within ${timeoutMs / 1000} s:\n${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return {
    url,
    port,
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      signalGroup("SIGTERM");
      return exited;
    },
    async kill() {
      signalGroup("SIGKILL");
      await exited;
    },
    stderr: () => stderr,
  };
}
