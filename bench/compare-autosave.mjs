// Compares two commits' autosave cost on one PostgreSQL, in interleaved windows, so that the
// machine's drift (the same build's throughput moved by 30% within minutes here) hits both
// alike. Single benchmark runs cannot show a 10% change on these machines; this can.
//
//   npm run bench:compare -- <before> [after, default HEAD] [--clients 200] [--rounds 6] [--seconds 8]
//
// Each side is a built clone of its commit (cached in the temp folder, as bench:autosave's),
// with one partner and its drafts. Rounds alternate which side goes first; each window is 1 s of
// warm-up and `seconds` measured of closed-loop forced saves (never a 409). The figure is the
// server's CPU time per save (user + system from /proc, its GC threads included), per round,
// with the ratio after/before: a change is real when every round agrees. PostgreSQL's CPU per
// save (its backends for that side's database) is printed beside it: at 200 clients the two
// cores are the limit, so work moved into the database is not work saved. Not part of
// `npm run bench`: it reports a comparison, not a budget.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createDatabase, withPostgres } from "../scripts/lib/postgres.mjs";
import { draftData } from "./lib/autosave-load.mjs";
import { closedLoop } from "./lib/closed-loop.mjs";
import { backendCpuMs, cpuMs } from "./lib/memory.mjs";
import { actionIds, signUpPartner } from "./lib/partners.mjs";
import { percentile } from "./lib/percentile.mjs";
import { portalCheckout, startPortal } from "./lib/portal.mjs";
import { BenchError, logger, runBenchmark, stop } from "./lib/processes.mjs";

const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: { clients: { type: "string", default: "200" }, rounds: { type: "string", default: "6" }, seconds: { type: "string", default: "8" } },
});
const [BEFORE, AFTER = "HEAD"] = positionals;
const CLIENTS = Number(opts.clients);
const ROUNDS = Number(opts.rounds);
const SECONDS = Number(opts.seconds);
const log = logger("compare");

async function side(name, rev, databaseUrl, work) {
  const database = new URL(databaseUrl).pathname.slice(1);
  const dir = await portalCheckout(log, rev);
  const portal = await startPortal(dir, { name, work, env: { SIGN_UP_LIMIT_PER_IP: "1000", DATABASE_URL: databaseUrl } });
  const drafts = Math.min(CLIENTS, 100);
  const partner = await signUpPartner(portal, actionIds(dir), {
    email: `${name}@compare.example`,
    name,
    organization: `${name} Org`,
    password: "bench-compare-2026!",
    drafts,
  });
  log(`${name}: ${rev} in ${dir}, ${drafts} drafts`);
  return { name, database, portal, partner, cpu: [], pg: [], rps: [] };
}

async function window(s) {
  const { origin } = new URL(s.portal.url);
  const body = JSON.stringify({ version: 1, force: true, data: draftData(`${s.name} save`) });
  const ids = s.partner.draftIds;
  const before = cpuMs(s.portal.server.child.pid);
  const pgBefore = backendCpuMs(s.database);
  let sent = 0;
  const result = await closedLoop({
    url: origin,
    clients: CLIENTS,
    warmup: 1,
    duration: SECONDS,
    request: (i) => {
      sent++;
      return {
        method: "PUT",
        path: `/api/registrations/${ids[i % ids.length]}/draft`,
        headers: { "content-type": "application/json", cookie: s.partner.cookie },
        body,
      };
    },
  });
  const used = cpuMs(s.portal.server.child.pid) - before;
  const pgUsed = backendCpuMs(s.database) - pgBefore;
  if (result.errors || result.non2xx)
    throw new Error(`${s.name}: ${result.errors} errors and ${result.non2xx} non-2xx answers (${JSON.stringify(result.statusCodes)}).`);
  s.cpu.push(used / sent);
  s.pg.push(pgUsed / sent);
  s.rps.push(result.rps);
  return `${s.name} ${(used / sent).toFixed(2)} ms/save (PostgreSQL ${(pgUsed / sent).toFixed(2)}), ${Math.round(result.rps)} saves/s, p50 ${result.p50} p99 ${result.p99} ms`;
}

await runBenchmark("compare", async () => {
  if (!BEFORE) throw new BenchError("Name the commit to compare against: npm run bench:compare -- <before> [after].");
  const work = mkdtempSync(path.join(os.tmpdir(), "bench-compare-"));
  try {
    await withPostgres(async (url) => {
      const sides = [
        await side("before", BEFORE, await createDatabase(url, "before_side"), work),
        await side("after", AFTER, await createDatabase(url, "after_side"), work),
      ];
      try {
        log(`${ROUNDS} rounds of ${CLIENTS} clients, ${SECONDS} s per window; round 0 warms both up and is not counted`);
        for (let round = 0; round <= ROUNDS; round++) {
          const order = round % 2 ? [...sides].reverse() : sides;
          const lines = [];
          for (const s of order) lines.push(await window(s));
          log(`round ${round}: ${lines.join(" | ")}`);
        }
        const [b, a] = sides;
        const counted = (values) => values.slice(1);
        const ratios = counted(a.cpu).map((value, i) => value / counted(b.cpu)[i]);
        const median = (values) =>
          percentile(
            [...values].sort((x, y) => x - y),
            0.5,
          );
        log(`server CPU per save: before ${median(counted(b.cpu)).toFixed(2)} ms, after ${median(counted(a.cpu)).toFixed(2)} ms (medians)`);
        log(
          `after/before per round: ${ratios.map((r) => r.toFixed(2)).join(" ")}; median ${median(ratios).toFixed(2)}, range ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}`,
        );
        log(`PostgreSQL CPU per save: before ${median(counted(b.pg)).toFixed(2)} ms, after ${median(counted(a.pg)).toFixed(2)} ms (medians)`);
        log(`saves a second (medians): before ${Math.round(median(counted(b.rps)))}, after ${Math.round(median(counted(a.rps)))}`);
      } finally {
        for (const s of sides) await stop(s.portal.server);
      }
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
