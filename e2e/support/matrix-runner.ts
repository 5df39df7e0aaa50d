import type { APIRequestContext, APIResponse } from "@playwright/test";
import { discoverActionExports, discoverPages, discoverPagesRouter, discoverRouteHandlers, readActionManifest, urlPattern } from "./matrix-discovery";
import { PERSONAS, callAction, classifyAction, describeResponse, inParallel, type ActionOutcome, type Mismatch, type Persona } from "./matrix-http";
import type { Fixtures, Personas } from "./matrix-personas";

// Runs the authorization matrix's tables (e2e/authorization-matrix.spec.ts): the shapes of
// their rows, the check that they cover everything discovery finds, and one cell per entry
// and persona, each asked of the real server.

/** One answer per persona, in PERSONAS order: anonymous, member of A, owner of A, member of B, admin. */
export type Cells<T> = readonly [T, T, T, T, T];

/** 200; 404; "sign-in" = 307 to /sign-in?callbackUrl=<this path>; "redirect X" = 307 to X. */
export type PageAnswer = 200 | 404 | "sign-in" | `redirect ${string}`;
export type PageRow = { url: (fx: Fixtures) => string; expect: Cells<PageAnswer> };

/** The status, or "sign-in" / "redirect X" as for pages; "{name}" stands for that fixture's value. */
export type RouteAnswer = number | "sign-in" | `redirect ${string}`;
export type RouteCase = {
  /** How the case is named in a diff, when the path alone would not do. */
  label?: string;
  method: string;
  url: (fx: Fixtures) => string;
  json?: (fx: Fixtures) => unknown;
  form?: (fx: Fixtures) => Record<string, string>;
  raw?: { contentType: string; body: string };
  /** A header every answer must carry (the sandbox API's WWW-Authenticate). */
  header?: string;
  expect: Cells<RouteAnswer>;
};

export type ActionRow =
  | {
      expect: Cells<ActionOutcome>;
      /** A valid request aimed at A's objects, sent where the expectation is a refusal. */
      input?: (fx: Fixtures) => Record<string, unknown>;
      /** For public actions: a real request that is harmless without a session, sent by the anonymous persona instead of the probe. */
      anonymousInput?: () => Record<string, unknown>;
      /** A plain <form action>: one argument (the form's data), no previous state. */
      formAction?: true;
    }
  | { notExposed: string };

export type Matrix = {
  pages: Record<string, PageRow>;
  /** "METHOD /pattern" for app/ route handlers; the file for Pages Router API routes. */
  routes: Record<string, RouteCase[]>;
  /** "file#exportName" of every export of a "use server" module. */
  actions: Record<string, ActionRow>;
};

/** Accepted by no action's schema (every one is an object schema): the harmless "allowed" probe. */
export const PROBE = "matrix-probe: not an object";

/**
 * The page an action is posted to, as the browser does: one whose bundle has the action (the
 * manifest's workers; posted elsewhere, Next.js forwards it there). Public pages first, so a
 * public action is tried where a cookie-less visitor can reach it; then the simplest path.
 */
function actionPage(pages: Matrix["pages"], workers: string[], fx: Fixtures): string {
  const patterns = workers.map((w) => urlPattern(`${w}.tsx`)).filter((p) => p in pages);
  const rank = (p: string) => [pages[p]!.expect[0] === 200 ? 0 : 1, (p.match(/\[/g) ?? []).length, p] as const;
  patterns.sort((a, b) => {
    const [x, y] = [rank(a), rank(b)];
    return x[0] - y[0] || x[1] - y[1] || x[2].localeCompare(y[2]);
  });
  if (!patterns[0]) throw new Error(`No page of the matrix bundles this action (workers: ${workers.join(", ")})`);
  return pages[patterns[0]]!.url(fx);
}

/** What discovery finds without a row in the tables, and rows for what no longer exists. */
export function coverageProblems(matrix: Matrix): string[] {
  const problems: string[] = [];
  const compare = (kind: string, found: string[], rows: string[], table: string) => {
    for (const f of found)
      if (!rows.includes(f)) problems.push(`${kind} ${f} has no row: add its expected answers to ${table} in e2e/authorization-matrix.spec.ts`);
    for (const r of rows) if (!found.includes(r)) problems.push(`${table} has a row for ${kind} ${r}, which no longer exists: remove it`);
  };

  compare(
    "page",
    discoverPages().map((p) => p.pattern),
    Object.keys(matrix.pages),
    "PAGES",
  );

  const routes = discoverRouteHandlers();
  for (const r of routes) if (r.methods.length === 0) problems.push(`route handler ${r.file} exports no HTTP method the matrix recognises`);
  const { apiRoutes, pages } = discoverPagesRouter();
  for (const p of pages) problems.push(`Pages Router page ${p} is not covered: add it to PAGES with its public path`);
  compare("route", [...routes.flatMap((r) => r.methods.map((m) => `${m} ${r.pattern}`)), ...apiRoutes], Object.keys(matrix.routes), "ROUTES");

  const { actions, inlineDirectives } = discoverActionExports();
  for (const file of inlineDirectives)
    problems.push(`${file} declares an inline "use server" action, which the matrix cannot name: move it into a "use server" module`);
  compare(
    "server action",
    actions.map((a) => a.key),
    Object.keys(matrix.actions),
    "ACTIONS",
  );
  const manifest = readActionManifest();
  for (const entry of manifest) {
    if (!actions.some((a) => a.key === entry.key))
      problems.push(`the build exposes server action ${entry.key} (${entry.id}), which no "use server" module exports by that name`);
  }
  for (const [key, row] of Object.entries(matrix.actions)) {
    const exposed = manifest.some((m) => m.key === key);
    if ("notExposed" in row && exposed) problems.push(`server action ${key} is now exposed by the build: replace its notExposed row with expected answers`);
    if (!("notExposed" in row) && !exposed && actions.some((a) => a.key === key))
      problems.push(`server action ${key} is not in the build's server-reference manifest, so it cannot be called: mark its row notExposed, with the reason`);
  }
  return problems;
}

export type Cell = {
  entry: string;
  persona: Persona;
  expected: string;
  /** The answer in the table's words, and a note on how it was read (for the attached report). */
  run: () => Promise<{ actual: string; note?: string }>;
  /** For B's "not found" cells: the full answer for A's object and for an id that exists nowhere. */
  sameAsUnknown?: () => Promise<{ own: string; unknown: string }>;
};

/** Runs the cells, a few at a time: those whose answer is not the table's, and every answer. */
export async function runCells(cells: Cell[]): Promise<{ mismatches: Mismatch[]; report: string[] }> {
  const results = await inParallel(cells, 6, async (cell) => {
    const { actual, note } = await cell.run();
    const line = `${cell.entry} | ${cell.persona} | expected ${cell.expected} | actual ${actual}${note ? ` | ${note}` : ""}`;
    if (actual !== cell.expected) return { line, mismatch: { entry: cell.entry, persona: cell.persona, expected: cell.expected, actual } };
    // Another organization's object must answer exactly like one that does not exist.
    const compared = await cell.sameAsUnknown?.();
    if (compared && compared.own !== compared.unknown) {
      return {
        line,
        mismatch: {
          entry: cell.entry,
          persona: cell.persona,
          expected: `what an unknown id gets: ${compared.unknown}`,
          actual: `A's object gets: ${compared.own}`,
        },
      };
    }
    return { line: compared ? `${line} | same as an unknown id` : line };
  });
  return { mismatches: results.flatMap((r) => (r.mismatch ? [r.mismatch] : [])), report: results.map((r) => r.line) };
}

/** The status and, for JSON, the body: what "nothing confirms it exists" compares. */
async function fullAnswer(response: APIResponse, url: string, baseURL: string): Promise<string> {
  const answer = await describeResponse(response, url, baseURL);
  return (response.headers()["content-type"] ?? "").includes("json") ? `${answer} ${await response.text()}` : answer;
}

async function sendRoute(client: APIRequestContext, c: RouteCase, fx: Fixtures) {
  const url = c.url(fx);
  const response = await client.fetch(url, {
    method: c.method,
    maxRedirects: 0,
    ...(c.json ? { data: c.json(fx) } : {}),
    ...(c.form ? { form: c.form(fx) } : {}),
    ...(c.raw ? { headers: { "Content-Type": c.raw.contentType }, data: Buffer.from(c.raw.body) } : {}),
  });
  return { url, response };
}

const cellsOf = <T>(expected: Cells<T>) => PERSONAS.map((persona, i) => ({ persona, expected: String(expected[i]) }));

/** "{approvedA}" and the like, replaced by the fixture's value. */
const fill = (text: string, fx: Fixtures) => text.replace(/\{(\w+)\}/g, (m, key: string) => (key in fx ? fx[key as keyof Fixtures] : m));
/** The other way round, to name an entry the same in every run. */
const unfill = (text: string, fx: Fixtures) => Object.entries(fx).reduce((t, [key, value]) => t.split(value).join(`{${key}}`), text);

/**
 * Anonymous visitors and B's member must never see A's data (organization and client
 * names), whatever the status; a leak is appended to the answer so the cell fails.
 */
async function withLeakCheck(answer: string, response: APIResponse, persona: Persona, dataOfA: string[], what = "shows"): Promise<string> {
  if (persona !== "anonymous" && persona !== "memberB") return answer;
  if (!/json|text|html|x-component/.test(response.headers()["content-type"] ?? "")) return answer;
  const body = await response.text();
  const leaked = dataOfA.filter((d) => body.includes(d));
  return leaked.length ? `${answer} (${what} A's data: ${leaked.join(", ")})` : answer;
}

function pageCells(pages: Matrix["pages"], { clients, fx, dataOfA }: Personas, unknown: Fixtures, baseURL: string): Cell[] {
  return Object.entries(pages).flatMap(([pattern, row]) =>
    cellsOf(row.expect).map(({ persona, expected }) => {
      const get = async (url: string) => describeResponse(await clients[persona].get(url, { maxRedirects: 0 }), url, baseURL);
      return {
        entry: `page ${pattern}`,
        persona,
        expected,
        run: async () => {
          const url = row.url(fx);
          const response = await clients[persona].get(url, { maxRedirects: 0 });
          const actual = await withLeakCheck(await describeResponse(response, url, baseURL), response, persona, dataOfA);
          // The client router's request for the same page (RSC: 1; its status is not the
          // page's, and Next.js first redirects it to add ?_rsc=) must not carry A's data either.
          const rsc = await clients[persona].get(url, { headers: { RSC: "1" } });
          return { actual: await withLeakCheck(actual, rsc, persona, dataOfA, "its RSC request carries"), note: url };
        },
        sameAsUnknown:
          persona === "memberB" && expected === "404" && row.url(unknown) !== row.url(fx)
            ? async () => ({ own: await get(row.url(fx)), unknown: await get(row.url(unknown)) })
            : undefined,
      };
    }),
  );
}

function routeCells(routes: Matrix["routes"], { clients, fx, dataOfA }: Personas, unknown: Fixtures, baseURL: string): Cell[] {
  return Object.entries(routes).flatMap(([key, cases]) =>
    cases.flatMap((c) =>
      cellsOf(c.expect).map(({ persona, expected: written }) => {
        const expected = fill(written, fx);
        const full = async (f: Fixtures) => {
          const { url, response } = await sendRoute(clients[persona], c, f);
          return fullAnswer(response, url, baseURL);
        };
        return {
          // The Pages Router's entries are named by the public path each case asks.
          entry: c.label ?? (key.startsWith("pages/") ? `${c.method} ${unfill(c.url(fx), fx)}` : key),
          persona,
          expected,
          run: async () => {
            const { url, response } = await sendRoute(clients[persona], c, fx);
            const answer = await withLeakCheck(await describeResponse(response, url, baseURL), response, persona, dataOfA);
            const type = response.headers()["content-type"] ?? "";
            const body = /json|text/.test(type)
              ? (await response.text()).slice(0, 120).replace(/\s+/g, " ")
              : `${type}, ${(await response.body()).length} bytes`;
            const note = `${c.method} ${url} -> ${body}`;
            return { actual: c.header && !response.headers()[c.header] ? `${answer} (without ${c.header})` : answer, note };
          },
          sameAsUnknown: persona === "memberB" && expected === "404" ? async () => ({ own: await full(fx), unknown: await full(unknown) }) : undefined,
        };
      }),
    ),
  );
}

function actionCells(matrix: Matrix, personas: Personas, unknown: Fixtures, baseURL: string): Cell[] {
  const { clients, signedOut, fx } = personas;
  const manifest = readActionManifest();
  return Object.entries(matrix.actions).flatMap(([key, row]) => {
    if ("notExposed" in row) return []; // discovery checks that the build really gives it no id
    const entry = manifest.find((m) => m.key === key);
    return cellsOf(row.expect).map(({ persona, expected }) => {
      const ask = async (client: APIRequestContext, payload: unknown) => {
        if (!entry) return { outcome: "not in the build's server-reference manifest", detail: "" };
        const args = "formAction" in row && row.formAction ? [payload] : [null, payload];
        return classifyAction(await callAction(client, baseURL, actionPage(matrix.pages, entry.workers, fx), entry.id, args));
      };
      const { input, anonymousInput } = row;
      const payload = () => (persona === "anonymous" && anonymousInput ? anonymousInput() : expected === "allowed" || !input ? PROBE : input(fx));
      const show = (a: { outcome: string; detail: string }) => (a.outcome === expected ? a.outcome : `${a.outcome} (${a.detail})`);
      return {
        entry: `action ${key.replace(/^.*\//, "")}`,
        persona,
        expected,
        run: async () => {
          const sent = typeof payload() === "string" ? "probe" : "input";
          if (persona !== "anonymous") {
            const answer = await ask(clients[persona], payload());
            return { actual: show(answer), note: `${sent}: ${answer.detail}` };
          }
          // Anonymous twice: with a signed-out cookie the action's own check answers; without
          // any cookie, proxy.ts may redirect to sign-in first, which refuses just as well.
          const [stale, none] = [await ask(signedOut, payload()), await ask(clients.anonymous, payload())];
          const noneOk = none.outcome === expected || (expected === "unauthenticated" && none.outcome === "sign-in");
          const note = `${sent}: signed-out cookie: ${stale.detail}; no cookie: ${none.outcome}: ${none.detail}`;
          return {
            actual: stale.outcome === expected && noneOk ? expected : `signed-out cookie: ${show(stale)}; no cookie: ${none.outcome} (${none.detail})`,
            note,
          };
        },
        sameAsUnknown:
          expected === "not found" && input
            ? async () => ({ own: (await ask(clients[persona], input(fx))).detail, unknown: (await ask(clients[persona], input(unknown))).detail })
            : undefined,
      };
    });
  });
}

/** The matrix's three parts, each a list of cells to run. */
export function matrixSections(matrix: Matrix, personas: Personas, unknown: Fixtures, baseURL: string): [string, Cell[]][] {
  return [
    ["pages", pageCells(matrix.pages, personas, unknown, baseURL)],
    ["route handlers", routeCells(matrix.routes, personas, unknown, baseURL)],
    ["server actions", actionCells(matrix, personas, unknown, baseURL)],
  ];
}
