// A throwaway PostgreSQL cluster on a free loopback port, for tests and benchmarks. Uses
// Debian's server binaries (/usr/lib/postgresql/*/bin, or POSTGRES_BIN_DIR).
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export function postgresBinDir() {
  const candidates = [process.env.POSTGRES_BIN_DIR].filter(Boolean);
  if (existsSync("/usr/lib/postgresql")) {
    for (const v of readdirSync("/usr/lib/postgresql").sort().reverse()) candidates.push(`/usr/lib/postgresql/${v}/bin`);
  }
  return candidates.find((dir) => existsSync(path.join(dir, "initdb")) && existsSync(path.join(dir, "pg_ctl")));
}

export function freePort() {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

// initdb refuses to run as root; as root the cluster runs as the postgres user.
function asPostgresUser(cmd, args) {
  if (process.getuid?.() !== 0) return execFileSync(cmd, args, { stdio: "pipe" });
  return execFileSync("runuser", ["-u", "postgres", "--", cmd, ...args], { stdio: "pipe" });
}

/**
 * Starts a cluster, calls `run(url)` with a superuser URL of its "postgres" database, and
 * always stops and removes the cluster afterwards. Throws when the binaries are missing.
 */
export async function withPostgres(run, { settings = [] } = {}) {
  const dir = postgresBinDir();
  if (!dir) throw new Error("PostgreSQL server binaries not found (install them with: sudo apt-get install -y postgresql)");
  const base = mkdtempSync(path.join(os.tmpdir(), "portal-pg-"));
  chmodSync(base, 0o777);
  const data = path.join(base, "data");
  const port = await freePort();
  try {
    asPostgresUser(path.join(dir, "initdb"), ["-D", data, "-U", "portal", "--auth=trust", "-E", "UTF8", "--no-sync"]);
    const options = [`-p ${port}`, `-k ${base}`, "-c listen_addresses=127.0.0.1", "-c fsync=off", ...settings.map((s) => `-c ${s}`)].join(" ");
    asPostgresUser(path.join(dir, "pg_ctl"), ["-D", data, "-l", path.join(base, "server.log"), "-w", "start", "-o", options]);
    console.log(`Started a throwaway PostgreSQL cluster on 127.0.0.1:${port}`);
    return await run(`postgresql://portal@127.0.0.1:${port}/postgres`);
  } finally {
    try {
      asPostgresUser(path.join(dir, "pg_ctl"), ["-D", data, "-m", "fast", "stop"]);
    } catch {
      /* it never started */
    }
    rmSync(base, { recursive: true, force: true });
  }
}
