// Server time of the admin review queue (listQueue in lib/db/queue.ts) and of the onboarding
// metrics page (onboardingMetrics in lib/db/metrics.ts) with 100,000 registrations on PostgreSQL, next to a trivial query through the same Prisma client
// (`SELECT 1`, plus a primary-key lookup of one registration) measured in the same run, so the
// numbers can be compared between noisy machines by their ratio.
//
//   node bench/queue.mjs [--rows 100000] [--iterations 200] [--warmup 20] [--sql "CREATE INDEX ..."]
//
// --sql runs extra statements after seeding (before VACUUM ANALYZE): a way to try an index or
// another schema change on the seeded data before writing a migration. The results then
// describe that schema, not the repository's: they say so and go to queue-experiment.json.
//
// Product target: the first page, a status filter, a search, page 500 of the queue and the
// metrics page (7, 30 and 90 days) each answer in under 100 ms p95. Writes
// bench/results/queue.json (bench/lib/report.mjs) with that budget on each p95 row; the budget
// is judged by `npm run bench -- --check`. Exits 0 when it measured, 2 when the set-up or a
// sanity check fails, 130 on Ctrl-C (after removing the cluster).
//
// Runs in a throwaway PostgreSQL cluster (scripts/lib/postgres.mjs), stopped and removed at the
// end. The data layer is TypeScript and imports "server-only", so the script re-executes itself
// as `node --conditions=react-server --import tsx bench/queue.mjs`: tsx loads the .ts files
// (with the "@/" paths of tsconfig.json), and the react-server condition resolves "server-only"
// to its empty module, as Next.js does on the server. No package in the data layer's import
// graph (pg, @prisma/*, zod) has a react-server export, so nothing else changes.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { printRows, writePart } from "./lib/report.mjs";
import { percentile } from "./lib/percentile.mjs";

const ROOT = path.resolve(import.meta.dirname, "..");
const CONDITION = "--conditions=react-server";

// ---------------------------------------------------------------------------------------------

class BenchError extends Error {}
class Interrupted extends BenchError {}

const TARGET_P95_MS = 100;
const BLOCK = 10; // cases take turns in blocks of this many calls, so a burst of noise hits them alike

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = Number(process.argv[i + 1]);
  if (!Number.isInteger(value) || value <= 0) throw new BenchError(`--${name} needs a positive whole number, got ${JSON.stringify(process.argv[i + 1])}.`);
  return value;
}

function stringOption(name) {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const value = process.argv[i + 1];
  if (!value || value.startsWith("--")) throw new BenchError(`--${name} needs a value.`);
  return value;
}

const started = Date.now();
const log = (message) => console.log(`[queue ${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${message}`);

let aborted = false;
function checkAborted() {
  if (aborted) throw new Interrupted("interrupted");
}

// ---------------------------------------------------------------------------------------------
// Seed data, set-based. Every "random" choice is a hash of the row number, so each run seeds the
// same data (only the UUIDs differ).

const ORG_PREFIXES = [
  "Northwind",
  "Globex",
  "Initech",
  "Umbrella",
  "Hooli",
  "Stark",
  "Wayne",
  "Acme",
  "Vandelay",
  "Soylent",
  "Cyberdyne",
  "Tyrell",
  "Wonka",
  "Gringotts",
  "Oscorp",
  "Pied Piper",
  "Aperture",
  "Massive Dynamic",
  "Monarch",
  "Dunder",
];
const ORG_SUFFIXES = ["Labs", "Systems", "Software", "Finance", "Trading", "Health", "Logistics", "Media", "Analytics", "Group"];
const CLIENT_WORDS_1 = [
  "Ledger",
  "Payroll",
  "Invoice",
  "Expense",
  "Receipt",
  "Budget",
  "Cashflow",
  "Billing",
  "Treasury",
  "Audit",
  "Tax",
  "Spend",
  "Card",
  "Vendor",
  "Travel",
  "Procure",
  "Report",
  "Forecast",
  "Insight",
  "Journal",
  "Bookkeeper",
  "Reconcile",
  "Approval",
  "Wallet",
  "Transfer",
  "Subscription",
  "Mileage",
  "Petty Cash",
  "Revenue",
  "Margin",
  "Quote",
  "Order",
  "Stock",
  "Asset",
  "Grant",
  "Pension",
  "Bonus",
  "Tally",
  "Abacus",
  "Clearing",
];
const CLIENT_WORDS_2 = [
  "Sync",
  "Connect",
  "Bridge",
  "Export",
  "Import",
  "Hub",
  "Link",
  "Flow",
  "Pro",
  "Plus",
  "Manager",
  "Assistant",
  "Tracker",
  "Portal",
  "Gateway",
  "Companion",
  "Studio",
  "Pilot",
  "Desk",
  "Cloud",
  "Mobile",
  "Suite",
  "Agent",
  "Relay",
  "Kit",
];
const FIRST_NAMES = [
  "maria",
  "james",
  "aiko",
  "lars",
  "fatima",
  "chen",
  "olga",
  "diego",
  "priya",
  "tom",
  "sven",
  "amara",
  "luca",
  "noor",
  "ivan",
  "sofia",
  "kofi",
  "mei",
  "jonas",
  "elena",
];
const LAST_NAMES = [
  "garcia",
  "smith",
  "tanaka",
  "berg",
  "khan",
  "wei",
  "novak",
  "silva",
  "patel",
  "jones",
  "lund",
  "okafor",
  "rossi",
  "haddad",
  "petrov",
  "costa",
  "mensah",
  "lin",
  "weber",
  "moreau",
];
const ORGANIZATIONS = ORG_PREFIXES.length * ORG_SUFFIXES.length; // 200
const PEOPLE_PER_ORG = 8; // developers whose e-mail addresses appear as contacts of an org's registrations
const NEEDLE = { name: "Quokka Expense Bridge", every: 12_500, offset: 7 }; // a rare client name: 8 rows per 100,000
const ANCHOR = "2026-11-23 00:00:00"; // submissions spread over the year before this
const ANCHOR_DATE = new Date(`${ANCHOR.replace(" ", "T")}Z`); // "now" for the metrics page
// Organizations that signed up in the 120 days before ANCHOR, for the metrics page's cohorts
// (about 58 in 7 days, 250 in 30, 750 in 90), each with at most one registration of its own.
const COHORT_ORGS = 1_000;

const sqlArray = (values) => `ARRAY[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(", ")}]`;

/** Returns the SQL that seeds `rows` registrations (statements run in order, in one session). */
function seedStatements(rows, extraSql) {
  // h(i, salt): a well-mixed non-negative integer in [0, 2^32) for row i.
  const h = (i, salt) => `(hashint4(${i} + ${salt * 1_000_003})::bigint + 2147483648)`;
  return [
    [
      "staff reviewers",
      `
      INSERT INTO "User" (id, email, name, "isStaff", "emailVerified", "updatedAt")
      SELECT gen_random_uuid(), 'reviewer' || n || '@platform.example', 'Reviewer ' || n, true, TIMESTAMP '${ANCHOR}' - INTERVAL '2 years', TIMESTAMP '${ANCHOR}' - INTERVAL '2 years'
      FROM generate_series(1, 3) n`,
    ],
    [
      "organizations",
      `
      CREATE TEMP TABLE seed_org AS
      SELECT n, gen_random_uuid() AS id, gen_random_uuid() AS user_id,
             p || ' ' || s AS name,
             lower(replace(p, ' ', '')) || '-' || lower(s) || '.example' AS domain
      FROM (SELECT n, (${sqlArray(ORG_PREFIXES)})[1 + (n - 1) % ${ORG_PREFIXES.length}] AS p,
                      (${sqlArray(ORG_SUFFIXES)})[1 + (n - 1) / ${ORG_PREFIXES.length}] AS s
            FROM generate_series(1, ${ORGANIZATIONS}) n) x;
      INSERT INTO "Organization" (id, name, "createdAt") SELECT id, name, TIMESTAMP '${ANCHOR}' - INTERVAL '2 years' FROM seed_org;
      INSERT INTO "User" (id, email, name, "emailVerified", "updatedAt")
        SELECT user_id, 'partner@' || domain, 'Partner of ' || name, TIMESTAMP '${ANCHOR}' - INTERVAL '2 years', TIMESTAMP '${ANCHOR}' - INTERVAL '2 years' FROM seed_org;
      INSERT INTO "Membership" (id, "userId", "organizationId", role) SELECT gen_random_uuid(), user_id, id, 'OWNER' FROM seed_org;`,
    ],
    [
      "registration plan",
      `
      CREATE TEMP TABLE seed_reg AS
      WITH r AS (
        SELECT i,
               1 + ${h("i", 1)} % ${ORGANIZATIONS} AS org_n,
               CASE WHEN ${h("i", 2)} % 10 < 7 THEN 'STAGING' ELSE 'PRODUCTION' END AS environment,
               ${h("i", 3)} % 1000 AS status_roll,
               ${h("i", 4)} % (365 * 86400) AS age_s,
               ${h("i", 5)} % (30 * 86400) AS recent_age_s,
               ${h("i", 6)} AS name_roll,
               ${h("i", 7)} % ${PEOPLE_PER_ORG} AS person,
               ${h("i", 8)} % 10 < 4 AS team_contact
        FROM generate_series(1, $1::int) i
      ), s AS (
        SELECT r.*,
               CASE WHEN status_roll < 100 THEN NULL   -- 10 % never submitted (draft only)
                    WHEN status_roll < 120 THEN 'SUBMITTED'
                    WHEN status_roll < 130 THEN 'IN_REVIEW'
                    WHEN status_roll < 150 THEN 'CHANGES_REQUESTED'
                    WHEN status_roll < 650 THEN 'APPROVED'
                    WHEN status_roll < 850 THEN 'REJECTED'
                    ELSE 'WITHDRAWN' END::"RevisionStatus" AS review_status
        FROM r
      )
      SELECT s.i, gen_random_uuid() AS id, gen_random_uuid() AS revision_id, s.environment::"Environment" AS environment, s.review_status,
             o.id AS org_id, o.user_id, o.name AS org_name, o.domain,
             CASE WHEN s.i % ${NEEDLE.every} = ${NEEDLE.offset} THEN '${NEEDLE.name}'
                  ELSE (${sqlArray(CLIENT_WORDS_1)})[(1 + s.name_roll % ${CLIENT_WORDS_1.length})::int] || ' ' ||
                       (${sqlArray(CLIENT_WORDS_2)})[(1 + (s.name_roll / ${CLIENT_WORDS_1.length}) % ${CLIENT_WORDS_2.length})::int] END AS client_name,
             CASE WHEN s.team_contact
                  THEN ARRAY[(${sqlArray(FIRST_NAMES)})[(1 + (o.n * 7 + s.person) % ${FIRST_NAMES.length})::int] || '.' || (${sqlArray(LAST_NAMES)})[(1 + (o.n * 11 + s.person * 3) % ${LAST_NAMES.length})::int] || '@' || o.domain, 'integrations@' || o.domain]
                  ELSE ARRAY[(${sqlArray(FIRST_NAMES)})[(1 + (o.n * 7 + s.person) % ${FIRST_NAMES.length})::int] || '.' || (${sqlArray(LAST_NAMES)})[(1 + (o.n * 11 + s.person * 3) % ${LAST_NAMES.length})::int] || '@' || o.domain] END AS contacts,
             -- Open reviews are recent; everything else is spread over the year.
             CASE WHEN s.review_status IS NULL THEN NULL
                  WHEN s.review_status IN ('SUBMITTED', 'IN_REVIEW') THEN TIMESTAMP '${ANCHOR}' - make_interval(secs => s.recent_age_s)
                  ELSE TIMESTAMP '${ANCHOR}' - make_interval(secs => s.age_s) END AS submitted_at,
             TIMESTAMP '${ANCHOR}' - make_interval(secs => s.age_s) - INTERVAL '2 days' AS created_at
      FROM s JOIN seed_org o ON o.n = s.org_n;
      ANALYZE seed_reg;`,
    ],
    [
      "registrations",
      `
      INSERT INTO "Registration" (id, "organizationId", environment, "createdById", "createdAt", "updatedAt", "clientName", "latestStatus", "everSubmitted", "reviewStatus", "submittedAt", "searchText")
      SELECT id, org_id, environment, user_id, created_at,
             COALESCE(submitted_at + INTERVAL '1 day', created_at),
             client_name, COALESCE(review_status, 'DRAFT'), review_status IS NOT NULL, review_status, submitted_at,
             -- as searchTextFor(data, organizationName) in lib/db/review.ts
             left(lower(client_name || ' ' || org_name || ' ' || array_to_string(contacts, ' ')), 4000)
      FROM seed_reg ORDER BY i`,
    ],
    [
      "revisions",
      `
      INSERT INTO "Revision" (id, "registrationId", number, status, data, "createdById", "updatedById", "submittedById", "createdAt", "updatedAt", "submittedAt",
                              "claimedById", "claimedAt", "decidedById", "decidedAt", "decisionNote")
      SELECT r.revision_id, r.id, 1, COALESCE(r.review_status, 'DRAFT'),
             jsonb_build_object('clientName', r.client_name, 'clientUri', 'https://' || r.domain || '/apps/' || r.i,
                                'redirectUris', jsonb_build_array('https://' || r.domain || '/oauth/callback'),
                                'contacts', to_jsonb(r.contacts), 'tosUri', 'https://' || r.domain || '/terms',
                                'policyUri', 'https://' || r.domain || '/privacy', 'logoId', NULL),
             r.user_id, r.user_id, CASE WHEN r.review_status IS NOT NULL THEN r.user_id END,
             r.created_at, COALESCE(r.submitted_at + INTERVAL '1 day', r.created_at), r.submitted_at,
             CASE WHEN r.review_status IN ('IN_REVIEW', 'CHANGES_REQUESTED', 'APPROVED', 'REJECTED') THEN rev.id END,
             CASE WHEN r.review_status IN ('IN_REVIEW', 'CHANGES_REQUESTED', 'APPROVED', 'REJECTED') THEN r.submitted_at + INTERVAL '2 hours' END,
             CASE WHEN r.review_status IN ('CHANGES_REQUESTED', 'APPROVED', 'REJECTED') THEN rev.id END,
             CASE WHEN r.review_status IN ('CHANGES_REQUESTED', 'APPROVED', 'REJECTED') THEN r.submitted_at + INTERVAL '1 day' END,
             CASE r.review_status WHEN 'REJECTED' THEN 'The redirect URI is not on the listed domain.'
                                  WHEN 'CHANGES_REQUESTED' THEN 'Please add a privacy policy URL.' END
      FROM seed_reg r
      JOIN (SELECT id, row_number() OVER (ORDER BY email) - 1 AS k FROM "User" WHERE "isStaff") rev ON rev.k = r.i % 3
      ORDER BY r.i`,
    ],
    [
      // One Test connection run per approved registration of the established organizations
      // (a quarter of them failed), so the metrics page's join to TestRun meets a full table.
      "test runs",
      `
      INSERT INTO "TestRun" (id, "registrationId", "userId", "redirectUri", scope, status, "createdAt", "expiresAt", "usedAt", "completedAt")
      SELECT gen_random_uuid(), r.id, r."createdById", 'http://127.0.0.1:3000/api/test-connection/callback', 'openid users:read',
             CASE WHEN extract(epoch FROM v."decidedAt")::bigint % 4 = 0 THEN 'failed' ELSE 'passed' END::"TestRunStatus",
             v."decidedAt" + INTERVAL '1 hour', v."decidedAt" + INTERVAL '70 minutes', v."decidedAt" + INTERVAL '61 minutes', v."decidedAt" + INTERVAL '61 minutes'
      FROM "Registration" r JOIN "Revision" v ON v."registrationId" = r.id AND v.status = 'APPROVED'`,
    ],
    [
      // The metrics page's cohorts: organizations that signed up in the 120 days before ANCHOR.
      // 20 % stop at sign-up, 20 % at a draft, 15 % at a submission (still waiting), 15 % at an
      // approval, 30 % reach a passing Test connection. A third of the approvals are by the
      // policy (decidedById NULL). Each step follows the one before by up to 2 days, capped at ANCHOR.
      "sign-up cohorts",
      `
      CREATE TEMP TABLE seed_cohort AS
      WITH o AS (
        SELECT n, gen_random_uuid() AS id, gen_random_uuid() AS user_id, gen_random_uuid() AS reg_id, gen_random_uuid() AS rev_id,
               TIMESTAMP '${ANCHOR}' - make_interval(secs => ${h("n", 21)} % (120 * 86400)) AS signed_up,
               ${h("n", 22)} % 100 AS progress, ${h("n", 23)} % (2 * 86400) AS d1, ${h("n", 24)} % 86400 AS d2,
               ${h("n", 25)} % (2 * 86400) AS d3, ${h("n", 26)} % 86400 AS d4, ${h("n", 27)} % 3 = 0 AS by_policy
        FROM generate_series(1, ${COHORT_ORGS}) n
      ), a AS (
        SELECT o.*, CASE WHEN progress >= 20 THEN LEAST(signed_up + make_interval(secs => d1), TIMESTAMP '${ANCHOR}') END AS drafted FROM o
      ), b AS (
        SELECT a.*, CASE WHEN progress >= 40 THEN LEAST(drafted + make_interval(secs => d2), TIMESTAMP '${ANCHOR}') END AS submitted FROM a
      ), c AS (
        SELECT b.*, CASE WHEN progress >= 55 THEN LEAST(submitted + make_interval(secs => d3), TIMESTAMP '${ANCHOR}') END AS decided FROM b
      )
      SELECT c.*, CASE WHEN progress >= 70 THEN LEAST(decided + make_interval(secs => d4), TIMESTAMP '${ANCHOR}') END AS passed,
             CASE WHEN progress >= 55 THEN 'APPROVED' WHEN progress >= 40 THEN 'SUBMITTED' ELSE 'DRAFT' END::"RevisionStatus" AS status,
             rev.id AS reviewer_id
      FROM c JOIN (SELECT id, row_number() OVER (ORDER BY email) - 1 AS k FROM "User" WHERE "isStaff") rev ON rev.k = c.n % 3;
      INSERT INTO "Organization" (id, name, "createdAt") SELECT id, 'New Partner ' || n, signed_up FROM seed_cohort;
      INSERT INTO "User" (id, email, name, "emailVerified", "createdAt", "updatedAt")
        SELECT user_id, 'owner@new-partner-' || n || '.example', 'Owner ' || n, signed_up, signed_up, signed_up FROM seed_cohort;
      INSERT INTO "Membership" (id, "userId", "organizationId", role, "createdAt") SELECT gen_random_uuid(), user_id, id, 'OWNER', signed_up FROM seed_cohort;
      INSERT INTO "Registration" (id, "organizationId", environment, "createdById", "createdAt", "updatedAt", "clientName", "latestStatus", "everSubmitted", "reviewStatus", "submittedAt", "searchText")
        SELECT reg_id, id, 'STAGING', user_id, drafted, COALESCE(decided, submitted, drafted), 'New Partner App ' || n, status, submitted IS NOT NULL,
               CASE WHEN submitted IS NOT NULL THEN status END, submitted,
               lower('new partner app ' || n || ' new partner ' || n || ' owner@new-partner-' || n || '.example')
        FROM seed_cohort WHERE drafted IS NOT NULL;
      INSERT INTO "Revision" (id, "registrationId", number, status, data, "createdById", "updatedById", "submittedById", "createdAt", "updatedAt", "submittedAt",
                              "claimedById", "claimedAt", "decidedById", "decidedAt")
        SELECT rev_id, reg_id, 1, status,
               jsonb_build_object('clientName', 'New Partner App ' || n, 'contacts', jsonb_build_array('owner@new-partner-' || n || '.example')),
               user_id, user_id, CASE WHEN submitted IS NOT NULL THEN user_id END, drafted, COALESCE(decided, submitted, drafted), submitted,
               CASE WHEN decided IS NOT NULL AND NOT by_policy THEN reviewer_id END, CASE WHEN decided IS NOT NULL AND NOT by_policy THEN submitted END,
               CASE WHEN decided IS NOT NULL AND NOT by_policy THEN reviewer_id END, decided
        FROM seed_cohort WHERE drafted IS NOT NULL;
      -- A failed run before the passing one, and a failed one for the approved that stop there.
      INSERT INTO "TestRun" (id, "registrationId", "userId", "redirectUri", scope, status, "createdAt", "expiresAt", "usedAt", "completedAt")
        SELECT gen_random_uuid(), reg_id, user_id, 'http://127.0.0.1:3000/api/test-connection/callback', 'openid users:read', 'failed',
               decided, decided + INTERVAL '10 minutes', decided, decided
        FROM seed_cohort WHERE decided IS NOT NULL;
      INSERT INTO "TestRun" (id, "registrationId", "userId", "redirectUri", scope, status, "createdAt", "expiresAt", "usedAt", "completedAt")
        SELECT gen_random_uuid(), reg_id, user_id, 'http://127.0.0.1:3000/api/test-connection/callback', 'openid users:read', 'passed',
               passed, passed + INTERVAL '10 minutes', passed, passed
        FROM seed_cohort WHERE passed IS NOT NULL;`,
    ],
    ["clean up", `DROP TABLE seed_reg; DROP TABLE seed_org; DROP TABLE seed_cohort;`],
    ...(extraSql ? [["extra SQL (--sql)", extraSql]] : []),
    // VACUUM too, not only ANALYZE: it sets the visibility map, as autovacuum would have long
    // done on a table of this age, so the planner can use index-only scans for the counts.
    ["vacuum analyze", `VACUUM (ANALYZE)`],
  ];
}

/** What was changed in the product for this part's budgets, with the figures before and after (same script). */
const CHANGES = [
  "2026-11-30, keyset pagination (lib/db/queue.ts, app/admin/page.tsx): Previous and Next carry the row they continue from (after/before = submittedAt and id), so page 500 reads 25 index entries instead of 12,500. Before, page 500 by OFFSET: 28.9 ms median, 44.6 ms p95 at a load average of 6, and 48.2 ms median, 109.8 ms p95 (budget missed) at 14; its page rows took 11.7 ms in EXPLAIN ANALYZE (12,500 rows read), the last page (OFFSET about 90,600) 209 ms median. After: the page rows take under 0.1 ms at any depth; a typed ?page=N still uses OFFSET.",
  "2026-11-30, one count fewer (lib/db/queue.ts): the total is taken from the status counts (groupBy) instead of a separate count, which scanned the same ~90,000 index entries again (11 to 28 ms in EXPLAIN ANALYZE, depending on the load). Every listQueue call runs one index scan of the queue instead of two. With the keyset change, median / p95 before (load 6) and after (load 7 to 11): first page 17.9 / 27.1 -> 12.7 / 29.5 ms, status APPROVED 16.7 / 26.7 -> 12.2 / 28.0 ms, page 500 (OFFSET before, Next link after) 28.9 / 44.6 -> 12.5 / 25.4 ms; the p95s move with the load, the medians with the work.",
  "2026-11-30, no JIT (lib/db/connect.ts: SET jit = off per connection): the metrics page's latest sign-ups had an estimated cost of about 160,000 (the planner expects about 84 registrations per organization, the average of the established ones) and passed jit_above_cost (100,000); EXPLAIN ANALYZE showed 20.5 / 24.5 / 33.2 ms of execution for 7 / 30 / 90 days, almost all of it in the outer Limit (compilation), over a plan that ran in 0.6 ms. After: 0.55 ms. The metrics page, median / p95 before (load 6) and after (load 7 to 11): 7 days 35.4 / 61.5 -> 6.2 / 13.7 ms, 30 days 38.8 / 52.9 -> 12.7 / 23.5 ms, 90 days 47.6 / 72.4 -> 26.9 / 42.6 ms.",
];

// ---------------------------------------------------------------------------------------------
// Statistics

function stats(values) {
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    median: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
    mean: sum / sorted.length,
    min: sorted[0],
    max: sorted[sorted.length - 1],
  };
}
const round = (x, digits = 2) => Number(x.toFixed(digits));

function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  const fmt = (r) => r.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join("  ");
  return [fmt(rows[0]), widths.map((w) => "-".repeat(w)).join("  "), ...rows.slice(1).map(fmt)].join("\n");
}

// ---------------------------------------------------------------------------------------------
// EXPLAIN

/** One line per plan node: type, relation, index, rows, loops, time; indented by depth. */
function planLines(node, depth = 0, out = []) {
  const parts = [node["Node Type"]];
  if (node["Strategy"] && node["Node Type"] === "Aggregate") parts[0] = `${node["Strategy"] === "Plain" ? "" : `${node["Strategy"]} `}Aggregate`;
  if (node["Index Name"]) parts.push(`using ${node["Index Name"]}`);
  if (node["Relation Name"]) parts.push(`on ${node["Relation Name"]}`);
  const details = [`rows=${node["Actual Rows"]}`];
  if (node["Actual Loops"] > 1) details.push(`loops=${node["Actual Loops"]}`);
  details.push(`${round(node["Actual Total Time"], 3)} ms`);
  if (node["Rows Removed by Filter"]) details.push(`removed by filter=${node["Rows Removed by Filter"]}`);
  if (node["Rows Removed by Index Recheck"]) details.push(`removed by recheck=${node["Rows Removed by Index Recheck"]}`);
  if (node["Heap Fetches"] !== undefined) details.push(`heap fetches=${node["Heap Fetches"]}`);
  if (node["Sort Method"]) details.push(`sort: ${node["Sort Method"]}`);
  if (node["Workers Launched"] !== undefined) details.push(`workers=${node["Workers Launched"]}`);
  out.push(`${"  ".repeat(depth)}${parts.join(" ")} (${details.join(", ")})`);
  for (const child of node.Plans ?? []) planLines(child, depth + 1, out);
  return out;
}

/** Which of listQueue's statements this is, from its SQL. */
function statementKind(sql) {
  if (/^\s*(BEGIN|COMMIT|ROLLBACK|SELECT 1)\b/i.test(sql)) return null;
  if (/WITH cohort AS/.test(sql) && /LIMIT/.test(sql)) return "metrics: latest sign-ups";
  if (/WITH cohort AS/.test(sql)) return "metrics: funnel of the cohort";
  if (/'human_other'/.test(sql)) return "metrics: time to decision";
  if (/AS waiting/.test(sql)) return "metrics: queue age";
  if (/FROM "public"\."Organization"/.test(sql) && !/"public"\."Registration"/.test(sql)) return "organizations of the page";
  if (/FROM "public"\."Revision"/.test(sql) && !/"public"\."Registration"/.test(sql)) return "open revisions of the page";
  if (/FROM "public"\."User"/.test(sql) && !/"public"\."Registration"/.test(sql)) return "reviewers who claimed them";
  if (/GROUP BY/i.test(sql)) return "groupBy (status counts)";
  if (/COUNT\(/i.test(sql)) return "count";
  return "findMany (page rows)";
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const ROWS = option("rows", 100_000);
  const ITERATIONS = option("iterations", 200);
  const WARMUP = option("warmup", 20);
  const EXTRA_SQL = stringOption("sql");
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () => {
      if (aborted) return;
      aborted = true;
      log(`${signal}: stopping after the current step (the cluster is removed on the way out)`);
    });
  }

  const { createDatabase, withPostgres } = await import("../scripts/lib/postgres.mjs");
  const pg = (await import("pg")).default;
  const { openDatabase } = await import("../lib/db/connect.ts");
  const { migrate } = await import("../lib/db/migrate.ts");
  const { setDatabaseForTests } = await import("../lib/db/index.ts");
  const { listQueue, QUEUE_PAGE_SIZE, QUEUE_STATUSES } = await import("../lib/db/queue.ts");
  const { onboardingMetrics, latestSignUps } = await import("../lib/db/metrics.ts");
  // What /admin/metrics asks for: the numbers and the list of the latest 20 sign-ups, side by side.
  const metricsPage = (period) => Promise.all([onboardingMetrics(period, ANCHOR_DATE), latestSignUps(period, { now: ANCHOR_DATE, limit: 20 })]);
  const { PrismaClient } = await import("../lib/generated/prisma/client.ts");
  const { PrismaPg } = await import("@prisma/adapter-pg");

  const settings = ["shared_buffers=256MB"];
  return withPostgres(
    async (serverUrl) => {
      const databaseUrl = await createDatabase(serverUrl, "portal_bench");
      const serverVersion = await (async () => {
        const c = new pg.Client({ connectionString: databaseUrl });
        await c.connect();
        try {
          return (await c.query("SHOW server_version")).rows[0].server_version;
        } finally {
          await c.end();
        }
      })();

      const database = await openDatabase({ databaseUrl, dataDir: "" });
      let logging;
      try {
        const applied = await migrate(database.sql, path.join(ROOT, "prisma/migrations"));
        log(`PostgreSQL ${serverVersion}: applied ${applied.length} migrations (${applied.join(", ")})`);

        // ---- Seed ---------------------------------------------------------------------------
        const seedStart = performance.now();
        const seeder = new pg.Client({ connectionString: databaseUrl });
        await seeder.connect();
        const seedTimings = {};
        try {
          for (const [name, sql] of seedStatements(ROWS, EXTRA_SQL)) {
            checkAborted();
            const t0 = performance.now();
            if (sql.includes("$1")) {
              // A multi-statement string cannot take parameters: run them one by one.
              for (const statement of sql.split(/;\s*$/m).filter((s) => s.trim())) await seeder.query(statement, statement.includes("$1") ? [ROWS] : undefined);
            } else await seeder.query(sql);
            seedTimings[name] = round((performance.now() - t0) / 1000, 1);
          }
        } finally {
          await seeder.end();
        }
        const seedSeconds = round((performance.now() - seedStart) / 1000, 1);
        const mix = await database.sql.query(
          `SELECT COALESCE("reviewStatus"::text, 'never submitted') AS status, environment::text AS environment, count(*)::int AS n FROM "Registration" GROUP BY 1, 2 ORDER BY 1, 2`,
        );
        const [{ registrations, revisions, organizations, cohortRegistrations, testRuns }] = await database.sql.query(
          `SELECT (SELECT count(*)::int FROM "Registration") AS registrations, (SELECT count(*)::int FROM "Revision") AS revisions, (SELECT count(*)::int FROM "Organization") AS organizations,
                  (SELECT count(*)::int FROM "Registration" r JOIN "Organization" o ON o.id = r."organizationId" WHERE o.name LIKE 'New Partner %') AS "cohortRegistrations",
                  (SELECT count(*)::int FROM "TestRun") AS "testRuns"`,
        );
        const [{ size }] = await database.sql.query(`SELECT pg_size_pretty(pg_total_relation_size('"Registration"')) AS size`);
        log(
          `seeded ${registrations} registrations (${cohortRegistrations} of them of the ${COHORT_ORGS} recent sign-ups), ${revisions} revisions, ${organizations} organizations, ${testRuns} test runs in ${seedSeconds} s (${Object.entries(
            seedTimings,
          )
            .map(([k, v]) => `${k} ${v} s`)
            .join(", ")}); Registration with indexes: ${size}`,
        );
        // The recent sign-ups' registrations (one revision each) come on top of the ROWS of the established organizations.
        if (registrations - cohortRegistrations !== ROWS || revisions - cohortRegistrations !== ROWS)
          throw new BenchError(
            `expected ${ROWS} registrations and revisions besides the sign-ups', found ${registrations} and ${revisions} (${cohortRegistrations} of sign-ups).`,
          );
        const byStatus = {};
        for (const m of mix) byStatus[m.status] = (byStatus[m.status] ?? 0) + m.n;
        log(
          `status mix: ${Object.entries(byStatus)
            .map(([k, v]) => `${k} ${v}`)
            .join(", ")}`,
        );

        // ---- Cases --------------------------------------------------------------------------
        const submitted = registrations - (byStatus["never submitted"] ?? 0);
        // Search terms taken from the seeded data, so they match what a reviewer would type.
        const [sample] = await database.sql.query(
          `SELECT r.id, r."organizationId", o.name AS org_name, (rv.data->'contacts'->>0) AS email
           FROM "Registration" r JOIN "Organization" o ON o.id = r."organizationId" JOIN "Revision" rv ON rv."registrationId" = r.id
           WHERE r."reviewStatus" IS NOT NULL ORDER BY r."submittedAt" LIMIT 1`,
        );
        const [boundary] = await database.sql.query(
          `SELECT (extract(epoch FROM "submittedAt") * 1000)::bigint AS ms, id FROM "Registration" WHERE "reviewStatus" IS NOT NULL ORDER BY "submittedAt", id OFFSET ${499 * QUEUE_PAGE_SIZE - 1} LIMIT 1`,
        );
        // The last row of page 499, as page 499's Next link carries it (stored timestamps are UTC).
        const page500After = { submittedAt: new Date(Number(boundary.ms)), id: boundary.id };
        const pkIds = (await database.sql.query(`SELECT id FROM "Registration" ORDER BY "createdAt" LIMIT 200`)).map((r) => r.id);
        const prisma = database.prisma;
        let pk = 0;
        const cases = [
          { key: "select1", label: "baseline: SELECT 1 (same Prisma client)", baseline: true, run: () => prisma.$queryRaw`SELECT 1` },
          {
            key: "pkLookup",
            label: "baseline: registration by primary key",
            baseline: true,
            run: () => prisma.registration.findUnique({ where: { id: pkIds[pk++ % pkIds.length] }, select: { id: true, clientName: true } }),
          },
          { key: "firstPage", label: "first page (no filters)", gate: true, filters: {} },
          { key: "statusSubmitted", label: "status SUBMITTED", gate: true, filters: { status: "SUBMITTED" } },
          { key: "statusApproved", label: "status APPROVED (large)", gate: true, filters: { status: "APPROVED" } },
          { key: "envStatus", label: "PRODUCTION + SUBMITTED", gate: true, filters: { environment: "PRODUCTION", status: "SUBMITTED" } },
          { key: "organization", label: "one organization", filters: { organizationId: sample.organizationId } },
          { key: "searchRare", label: `search "quokka" (rare client name)`, gate: true, filters: { q: "quokka" } },
          { key: "searchOrg", label: `search org name "${sample.org_name}"`, gate: true, filters: { q: sample.org_name } },
          { key: "searchEmail", label: `search e-mail "${sample.email}"`, gate: true, filters: { q: sample.email } },
          { key: "searchPrefix", label: `search 2-char prefix "bo"`, gate: true, filters: { q: "bo" } },
          { key: "deepPage", label: "APPROVED, page 200 (offset 4,975)", filters: { status: "APPROVED", page: 200 } },
          // Page 500 as Next reaches it: after the last row of page 499 (keyset), and as a typed ?page=500 (OFFSET).
          { key: "page500", label: "queue page 500 by its Next link (after row 12,475)", gate: true, filters: { page: 500, after: page500After } },
          { key: "page500Offset", label: "queue page 500 by ?page=500 (OFFSET 12,475)", filters: { page: 500 } },
          { key: "lastPageOffset", label: "queue, last page by ?page= (OFFSET)", filters: { page: Math.ceil(submitted / QUEUE_PAGE_SIZE) } },
          // The metrics page (/admin/metrics): onboardingMetrics (three statements) and latestSignUps side by side, with "now" = ANCHOR.
          { key: "metrics7", label: "metrics page, 7 days", gate: true, metrics: 7 },
          { key: "metrics30", label: "metrics page, 30 days", gate: true, metrics: 30 },
          { key: "metrics90", label: "metrics page, 90 days", gate: true, metrics: 90 },
        ];
        for (const c of cases) if (c.filters) c.run = () => listQueue(c.filters);
        for (const c of cases) if (c.metrics) c.run = () => metricsPage(c.metrics);

        // ---- Sanity checks: each case must return what it claims (not time an empty result) ----
        setDatabaseForTests(database);
        const answers = {};
        for (const c of cases.filter((c) => c.filters)) {
          const result = await listQueue(c.filters);
          answers[c.key] = { total: result.total, rows: result.rows.length, page: result.page, pageCount: result.pageCount };
          const expectRows = Math.min(QUEUE_PAGE_SIZE, Math.max(0, result.total - (result.page - 1) * QUEUE_PAGE_SIZE));
          if (result.total === 0 || result.rows.length !== expectRows)
            throw new BenchError(`${c.label}: ${result.rows.length} rows of ${result.total}; the case would time an empty or wrong answer.`);
          const countSum = QUEUE_STATUSES.reduce((s, k) => s + result.counts[k], 0);
          if (!c.filters.status && countSum !== result.total)
            throw new BenchError(`${c.label}: status counts add up to ${countSum}, total is ${result.total}.`);
        }
        for (const c of cases.filter((c) => c.metrics)) {
          const [m, latest] = await metricsPage(c.metrics);
          const reached = m.funnel.map((s) => s.reached);
          answers[c.key] = { total: reached[0], funnel: Object.fromEntries(m.funnel.map((s) => [s.id, s.reached])), queueWaiting: m.queue.waiting };
          const d = m.decisions;
          if (
            reached.some((n) => n === 0) ||
            reached.some((n, i) => i > 0 && n > reached[i - 1]) ||
            m.queue.waiting === 0 ||
            !d.humanApprovals.decisions ||
            !d.policyApprovals.decisions ||
            latest.length !== Math.min(20, reached[0])
          )
            throw new BenchError(
              `${c.label}: funnel ${reached.join(" > ")}, ${m.queue.waiting} waiting, ${d.humanApprovals.decisions} human and ${d.policyApprovals.decisions} policy approvals; the case would time an empty or wrong answer.`,
            );
          log(
            `${c.label}: funnel ${reached.join(" > ")}; ${m.queue.waiting} waiting; decisions ${d.humanApprovals.decisions} human, ${d.policyApprovals.decisions} policy, ${d.otherDecisions.decisions} other`,
          );
        }
        if (answers.firstPage.total !== submitted)
          throw new BenchError(`first page: total ${answers.firstPage.total}, expected ${submitted} submitted registrations.`);
        const [byCursor, byOffset] = await Promise.all([listQueue({ page: 500, after: page500After }), listQueue({ page: 500 })]);
        if (byCursor.rows.map((r) => r.id).join() !== byOffset.rows.map((r) => r.id).join())
          throw new BenchError("page 500 by its Next link and by ?page=500 differ: the keyset order is not the OFFSET order.");
        log(
          `matches: ${cases
            .filter((c) => c.filters)
            .map((c) => `${c.key} ${answers[c.key].total}`)
            .join(", ")}`,
        );

        // ---- Timing -------------------------------------------------------------------------
        const samples = new Map(cases.map((c) => [c.key, []]));
        log(`warm-up: ${WARMUP} calls per case`);
        for (const c of cases) for (let i = 0; i < WARMUP; i++) await c.run();
        const blocks = Math.ceil(ITERATIONS / BLOCK);
        log(`measuring: ${ITERATIONS} calls per case, ${cases.length} cases taking turns in blocks of ${BLOCK}`);
        const timingStart = performance.now();
        for (let b = 0; b < blocks; b++) {
          checkAborted();
          for (const c of cases) {
            const list = samples.get(c.key);
            for (let i = 0; i < BLOCK && list.length < ITERATIONS; i++) {
              const t0 = performance.now();
              await c.run();
              list.push(performance.now() - t0);
            }
          }
        }
        const timingSeconds = round((performance.now() - timingStart) / 1000, 1);
        const loadAverage = os.loadavg().map((x) => round(x, 2));
        log(`measured in ${timingSeconds} s (load average ${loadAverage.join(", ")})`);

        // ---- EXPLAIN of the statements Prisma sends ------------------------------------------
        // A second client on the same database with query logging: listQueue runs once per case
        // through it, and each statement it sent is explained with the same parameters.
        const captured = [];
        const logPool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
        const logPrisma = new PrismaClient({ adapter: new PrismaPg(logPool), log: [{ emit: "event", level: "query" }] });
        logging = { kind: "postgresql", prisma: logPrisma, sql: database.sql, close: () => logPrisma.$disconnect().then(() => logPool.end()) };
        logPrisma.$on("query", (e) => captured.push({ sql: e.query, params: JSON.parse(e.params || "[]") }));
        const explainer = new pg.Client({ connectionString: databaseUrl });
        await explainer.connect();
        await explainer.query("SET jit = off"); // as the portal's pool sets it (lib/db/connect.ts)
        const explains = {};
        try {
          setDatabaseForTests(logging);
          for (const c of cases.filter((c) => c.filters || c.metrics)) {
            checkAborted();
            captured.length = 0;
            await (c.filters ? listQueue(c.filters) : metricsPage(c.metrics));
            explains[c.key] = [];
            for (const q of captured) {
              const kind = statementKind(q.sql);
              if (!kind) continue;
              const run = () => explainer.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${q.sql}`, q.params);
              await run(); // the first execution also plans; keep the second
              const [
                {
                  "QUERY PLAN": [plan],
                },
              ] = (await run()).rows;
              explains[c.key].push({
                kind,
                sql: q.sql,
                params: q.params,
                planningMs: plan["Planning Time"],
                executionMs: plan["Execution Time"],
                // Just-in-time compilation, when the plan's estimated cost passed jit_above_cost: part of the execution time.
                jitMs: plan.JIT?.Timing?.Total ?? null,
                plan: plan.Plan,
              });
            }
          }
        } finally {
          setDatabaseForTests(database);
          await explainer.end();
        }

        // ---- Report -------------------------------------------------------------------------
        const results = Object.fromEntries(
          cases.map((c) => [c.key, { label: c.label, filters: c.filters, gate: !!c.gate, ...(answers[c.key] ?? {}), ...stats(samples.get(c.key)) }]),
        );
        const base = results.select1;
        console.log("");
        console.log(
          table([
            ["case", "matches", "median ms", "p95 ms", "p99 ms", "× SELECT 1 (median)", "target p95 < 100 ms"],
            ...cases.map((c) => {
              const r = results[c.key];
              return [
                c.label,
                r.total === undefined ? "" : r.total.toLocaleString("en-US"),
                r.median.toFixed(2),
                r.p95.toFixed(2),
                r.p99.toFixed(2),
                (r.median / base.median).toFixed(1),
                c.baseline ? "(baseline)" : c.gate ? (r.p95 < TARGET_P95_MS ? "met" : "MISSED") : "(reported only)",
              ];
            }),
          ]),
        );

        console.log(
          `\nEXPLAIN (ANALYZE, BUFFERS) of the statements listQueue and onboardingMetrics sent (captured from Prisma's query event; second execution):`,
        );
        for (const c of cases.filter((c) => c.filters || c.metrics)) {
          console.log(`\n${c.label}`);
          for (const e of explains[c.key]) {
            const buffers = `shared hit=${e.plan["Shared Hit Blocks"]}${e.plan["Shared Read Blocks"] ? ` read=${e.plan["Shared Read Blocks"]}` : ""}`;
            console.log(
              `  ${e.kind}: execution ${round(e.executionMs, 3)} ms${e.jitMs === null ? "" : ` (JIT ${round(e.jitMs, 3)} ms)`}, planning ${round(e.planningMs, 3)} ms, cost ${e.plan["Total Cost"]}, ${buffers}`,
            );
            for (const line of planLines(e.plan)) console.log(`    ${line}`);
          }
        }

        const gated = cases.filter((c) => c.gate);
        const missed = gated.filter((c) => results[c.key].p95 >= TARGET_P95_MS);
        const slowest = gated.reduce((a, c) => (results[c.key].p95 > results[a.key].p95 ? c : a));
        console.log(
          missed.length
            ? `\nTarget MISSED: ${missed.map((c) => `${c.label} (p95 ${results[c.key].p95.toFixed(1)} ms)`).join("; ")} at or above ${TARGET_P95_MS} ms.`
            : `\nTarget met: every first-page, status, search and metrics case answers under ${TARGET_P95_MS} ms p95 (slowest: ${slowest.label}, p95 ${results[slowest.key].p95.toFixed(1)} ms).`,
        );
        if (EXTRA_SQL)
          console.log(`Note: these results include --sql ${JSON.stringify(EXTRA_SQL)}, run after seeding; they do not describe the repository's schema.`);
        if (ROWS !== 100_000) console.log(`Note: seeded ${ROWS} rows, not the 100,000 of the product target.`);
        const deep = results.deepPage;
        console.log(
          `Page 500 of the queue: by its Next link (keyset) median ${results.page500.median.toFixed(1)} ms, p95 ${results.page500.p95.toFixed(1)} ms; by ?page=500 (OFFSET) median ${results.page500Offset.median.toFixed(1)} ms, p95 ${results.page500Offset.p95.toFixed(1)} ms.`,
        );
        console.log(
          `Deep pagination (reported only): APPROVED page 200 median ${deep.median.toFixed(1)} ms, p95 ${deep.p95.toFixed(1)} ms (${(deep.median / results.statusApproved.median).toFixed(1)}× page 1 of APPROVED).`,
        );

        const nodePackage = (name) => JSON.parse(readFileSync(path.join(ROOT, "node_modules", name, "package.json"), "utf8")).version;
        // Two rows per case: the median, reported, and the p95, the one the budget judges.
        const benchRows = cases
          .filter((c) => c.key !== "select1")
          .flatMap((c) => {
            const r = results[c.key];
            const label = `${c.label}${r.total === undefined || c.metrics ? "" : ` (${r.total.toLocaleString("en-US")} matches)`}`;
            const baselineLabel = "SELECT 1 through the same Prisma client";
            return [
              {
                id: `${c.key}-median`,
                label: `${label}, median`,
                unit: "ms",
                figure: r.median,
                baseline: base.median,
                baselineLabel: `${baselineLabel}, median`,
              },
              {
                id: `${c.key}-p95`,
                label: `${label}, p95`,
                unit: "ms",
                figure: r.p95,
                baseline: base.p95,
                baselineLabel: `${baselineLabel}, p95`,
                ...(c.gate ? { budget: { op: "<", of: "figure", value: TARGET_P95_MS } } : {}),
              },
            ];
          });
        const pageRowsMs = (key) => round(explains[key].find((e) => e.kind === "findMany (page rows)")?.executionMs ?? NaN, 3);
        const jit = Object.entries(explains).flatMap(([key, list]) =>
          list.filter((e) => e.jitMs !== null).map((e) => `${key} ${e.kind} ${round(e.jitMs, 1)} ms`),
        );
        // A run with --sql describes another schema: keep it apart from the regular result.
        const { file } = writePart(EXTRA_SQL ? "queue-experiment" : "queue", {
          title: "Admin queue and metrics page at 100,000 registrations (PostgreSQL)",
          startedAt: started,
          rows: benchRows,
          notes: [
            `Server time of one call in process (listQueue: findMany + count + groupBy side by side; the metrics page: onboardingMetrics and latestSignUps side by side), ${ITERATIONS} calls per case after ${WARMUP} warm-up, cases taking turns in blocks of ${BLOCK}.`,
            `PostgreSQL ${serverVersion}, ${settings.join(" ")}; ${registrations.toLocaleString("en-US")} registrations seeded in ${seedSeconds} s.`,
            ...(EXTRA_SQL ? [`Includes --sql ${JSON.stringify(EXTRA_SQL)}: not the repository's schema.`] : []),
            ...(ROWS !== 100_000 ? [`Seeded ${ROWS} rows, not the 100,000 of the product target.`] : []),
            jit.length ? `JIT compilation in EXPLAIN ANALYZE: ${jit.join("; ")}.` : "No statement was JIT-compiled (EXPLAIN ANALYZE).",
            `Page 500 in this run: by its Next link (keyset) median ${round(results.page500.median, 1)} ms, p95 ${round(results.page500.p95, 1)} ms, its page rows in ${pageRowsMs("page500")} ms (EXPLAIN); by ?page=500 (OFFSET 12,475) median ${round(results.page500Offset.median, 1)} ms, p95 ${round(results.page500Offset.p95, 1)} ms, its page rows in ${pageRowsMs("page500Offset")} ms.`,
            ...CHANGES,
          ],
          raw: {
            unit: "ms of wall time per call, in process",
            loadAverage,
            postgres: { version: serverVersion, settings },
            prisma: nodePackage("@prisma/client"),
            targetP95Ms: TARGET_P95_MS,
            targetMet: missed.length === 0,
            extraSql: EXTRA_SQL ?? null,
            seed: { rows: ROWS, seconds: seedSeconds, steps: seedTimings, registrations, revisions, organizations, registrationTableSize: size, mix },
            iterations: ITERATIONS,
            warmup: WARMUP,
            block: BLOCK,
            timingSeconds,
            baseline: "select1",
            cases: Object.fromEntries(Object.entries(results).map(([k, r]) => [k, { ...r, ratioToBaselineMedian: round(r.median / base.median, 2) }])),
            explain: explains,
          },
        });
        console.log("");
        printRows(benchRows);
        console.log(`\nResults written to ${path.relative(process.cwd(), file) || file}`);
        return 0;
      } finally {
        setDatabaseForTests(undefined);
        await logging?.close().catch(() => {});
        await database.close();
      }
    },
    { settings },
  );
}

// ---------------------------------------------------------------------------------------------
// Re-execute with tsx and the react-server condition unless already running that way.

if (!process.execArgv.includes(CONDITION)) {
  const child = spawn(process.execPath, [CONDITION, "--import", "tsx", import.meta.filename, ...process.argv.slice(2)], {
    cwd: ROOT,
    stdio: "inherit",
  });
  // Ctrl-C reaches both processes (same process group); the child cleans up and exits.
  process.on("SIGINT", () => {});
  process.on("SIGTERM", () => child.kill("SIGTERM"));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 130 : 1)));
} else {
  await main().then(
    (code) => process.exit(code),
    (error) => {
      console.error(`\n[queue] FAILED: ${error instanceof BenchError ? error.message : (error?.stack ?? error)}`);
      process.exit(error instanceof Interrupted ? 130 : error instanceof BenchError ? 2 : 1);
    },
  );
}
