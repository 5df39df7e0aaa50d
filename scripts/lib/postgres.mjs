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
 * Starts a cluster on a free loopback port and returns its superuser URL (database
 * "postgres") with controls: stop() and start() again (same data, same port) for outage
 * tests, and remove() to stop it and delete its files. Throws when the binaries are missing.
 */
export async function startPostgres({ settings = [] } = {}) {
  const dir = postgresBinDir();
  if (!dir) throw new Error("PostgreSQL server binaries not found (install them with: sudo apt-get install -y postgresql)");
  const base = mkdtempSync(path.join(os.tmpdir(), "portal-pg-"));
  chmodSync(base, 0o777);
  const data = path.join(base, "data");
  const port = await freePort();
  const options = [`-p ${port}`, `-k ${base}`, "-c listen_addresses=127.0.0.1", "-c fsync=off", ...settings.map((s) => `-c ${s}`)].join(" ");
  // The log file keeps pg_ctl from holding our stdout open after it returns.
  const start = () => asPostgresUser(path.join(dir, "pg_ctl"), ["-D", data, "-l", path.join(base, "server.log"), "-w", "start", "-o", options]);
  const stop = (mode = "fast") => {
    try {
      asPostgresUser(path.join(dir, "pg_ctl"), ["-D", data, "-m", mode, "-w", "stop"]);
    } catch {
      /* not running */
    }
  };
  try {
    asPostgresUser(path.join(dir, "initdb"), ["-D", data, "-U", "portal", "--auth=trust", "-E", "UTF8", "--no-sync"]);
    start();
  } catch (error) {
    rmSync(base, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `postgresql://portal@127.0.0.1:${port}/postgres`,
    port,
    stop,
    start,
    remove() {
      stop();
      rmSync(base, { recursive: true, force: true });
    },
  };
}

/**
 * Starts a cluster, calls `run(url)` with a superuser URL of its "postgres" database, and
 * always stops and removes the cluster afterwards. Throws when the binaries are missing.
 */
export async function withPostgres(run, { settings = [] } = {}) {
  const cluster = await startPostgres({ settings });
  console.log(`Started a throwaway PostgreSQL cluster on 127.0.0.1:${cluster.port}`);
  try {
    return await run(cluster.url);
  } finally {
    cluster.remove();
  }
}

/** Creates database `name` on the server at `serverUrl` and returns its URL. */
export async function createDatabase(serverUrl, name) {
  const { default: pg } = await import("pg");
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
