import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import {
  QUEUE_PAGE_SIZE,
  QUEUE_STATUSES,
  formatQueueCursor,
  getRegistrationForReview,
  listQueue,
  parseQueueCursor,
  type QueueFilters,
  type QueueStatus,
} from "@/lib/db/queue";
import { claimRevision, decideRevision, startNewDraft } from "@/lib/db/review";
import type { Person } from "@/lib/db/actors";
import { searchTextFor } from "@/lib/db/registrations";
import type { Environment } from "@/lib/generated/prisma/client";
import { valid } from "../unit/registration/fixtures";
import { withTestDatabase } from "../support/db";
import { draftRegistration, organizationWithMember, registrationRow, staffAdmin, submittedRegistration, type Org } from "./review-support";

withTestDatabase();

/** What the queue should know about each submitted registration. */
type Entry = { id: string; orgId: string; clientName: string; status: QueueStatus; environment: Environment; submittedAt: Date; searchText: string };

const WORDS = ["Acme Ledger", "Bolt Expenses", "Cobalt Sync", "Delta Books", "Ember Payroll", "Zephyr Export"];
const BASE = Date.UTC(2025, 0, 6, 9, 0, 0);

let northwind: Org;
let globex: Org;
let alice: Person;
const entries: Entry[] = [];
const drafts: string[] = [];
let quokka: string;
let wombat: string;
let platypus: string;

/** Inserts a registration with one revision in `status`, as if it had gone through the workflow. */
async function insert(i: number) {
  const org = i % 3 === 0 ? globex : northwind;
  const status = QUEUE_STATUSES[i % QUEUE_STATUSES.length]!;
  const environment: Environment = i % 4 === 0 ? "PRODUCTION" : "STAGING";
  // 37 is coprime with 60: submission times are a permutation, unrelated to insertion order.
  const submittedAt = new Date(BASE + ((i * 37) % 60) * 60_000);
  const clientName = `${WORDS[Math.floor(i / 10)]} ${i + 1}`;
  const contacts = [org === globex ? "integrations@blaze.example" : "ops@northwind.example"];
  const data = valid({ clientName, contacts });
  const searchText = searchTextFor(data, org.name);
  const decided = ["APPROVED", "CHANGES_REQUESTED", "REJECTED"].includes(status);
  const { id } = await (
    await db()
  ).registration.create({
    data: {
      organizationId: org.id,
      environment,
      createdById: org.member.id,
      clientName,
      latestStatus: status,
      reviewStatus: status,
      everSubmitted: true,
      submittedAt,
      searchText,
      revisions: {
        create: {
          number: 1,
          status,
          data,
          createdById: org.member.id,
          submittedById: org.member.id,
          submittedAt,
          claimedById: status === "IN_REVIEW" || decided ? alice.id : null,
          decidedById: decided ? alice.id : null,
          decidedAt: decided ? new Date(submittedAt.getTime() + 30_000) : null,
        },
      },
    },
    select: { id: true },
  });
  entries.push({ id, orgId: org.id, clientName, status, environment, submittedAt, searchText });
}

/** Registers an entry created through the data layer, reading what it stored. */
async function track(id: string, org: Org, status: QueueStatus, environment: Environment) {
  const row = await registrationRow(id);
  expect(row.reviewStatus).toBe(status);
  entries.push({ id, orgId: org.id, clientName: row.clientName, status, environment, submittedAt: row.submittedAt!, searchText: row.searchText });
}

beforeAll(async () => {
  northwind = await organizationWithMember("Northwind Traders", "Pat Partner");
  globex = await organizationWithMember("Globex Corporation", "Gil Globex");
  alice = await staffAdmin("Alice Admin");
  for (let i = 0; i < 60; i++) await insert(i);

  // Through createRegistration + submitDraft.
  quokka = await submittedRegistration(northwind, valid({ clientName: "Quokka Reports", contacts: ["first_last@quokka.example"] }));
  await track(quokka, northwind, "SUBMITTED", "STAGING");
  wombat = await submittedRegistration(globex, valid({ clientName: "Wombat Sync" }), "production");
  await claimRevision({ registrationId: wombat, revisionNumber: 1, admin: alice });
  await track(wombat, globex, "IN_REVIEW", "PRODUCTION");
  platypus = await submittedRegistration(northwind, valid({ clientName: "Platypus Ledger" }));
  await claimRevision({ registrationId: platypus, revisionNumber: 1, admin: alice });
  await decideRevision({
    registrationId: platypus,
    revisionNumber: 1,
    admin: alice,
    decision: "request_changes",
    note: "Two things to fix.",
    comments: [
      { field: "redirectUris", body: "Use your production callback." },
      { field: null, body: "Otherwise fine." },
    ],
  });
  await startNewDraft({ organizationId: northwind.id, registrationId: platypus, member: northwind.member });
  await track(platypus, northwind, "CHANGES_REQUESTED", "STAGING");

  // Never submitted: never in the queue (one of them would match the "obal" search).
  drafts.push(await draftRegistration(northwind, valid({ clientName: "Cobalt Draft" })));
  drafts.push(await draftRegistration(globex, valid({ clientName: "Zephyr Draft" }), "production"));
});

const byQueueOrder = (a: Entry, b: Entry) => a.submittedAt.getTime() - b.submittedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const expected = (keep: (e: Entry) => boolean) => entries.filter(keep).sort(byQueueOrder);

/** Every row of every page for these filters. */
async function allRows(filters: Omit<QueueFilters, "page">) {
  const first = await listQueue(filters);
  const rows = [...first.rows];
  for (let page = 2; page <= first.pageCount; page++) rows.push(...(await listQueue({ ...filters, page })).rows);
  return { ...first, rows };
}
const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

function countsOf(list: Entry[]) {
  const counts = Object.fromEntries(QUEUE_STATUSES.map((s) => [s, 0])) as Record<QueueStatus, number>;
  for (const e of list) counts[e.status]++;
  return counts;
}

describe("listQueue: what is in it, in which order", () => {
  it("has every submitted registration and no never-submitted draft", async () => {
    const { rows, total } = await allRows({});
    expect(entries).toHaveLength(63);
    expect(total).toBe(63);
    expect(new Set(ids(rows))).toEqual(new Set(entries.map((e) => e.id)));
    for (const draft of drafts) expect(ids(rows)).not.toContain(draft);
  });

  it("shows the oldest submission first", async () => {
    const { rows } = await allRows({});
    expect(ids(rows)).toEqual(ids(expected(() => true)));
    const times = rows.map((r) => r.submittedAt!.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it("gives each row its organization, and the open revision with its reviewer", async () => {
    const { rows } = await allRows({});
    const w = rows.find((r) => r.id === wombat);
    expect(w).toMatchObject({ clientName: "Wombat Sync", environment: "PRODUCTION", reviewStatus: "IN_REVIEW", organization: { name: "Globex Corporation" } });
    expect(w?.revisions).toEqual([{ number: 1, claimedBy: { name: "Alice Admin" } }]);
    expect(rows.find((r) => r.id === quokka)?.revisions).toEqual([{ number: 1, claimedBy: null }]);
    // Decided: no open revision (platypus' open revision is a draft, which reviewers do not see).
    expect(rows.find((r) => r.id === platypus)?.revisions).toEqual([]);
    expect(rows.filter((r) => r.reviewStatus === "APPROVED").every((r) => r.revisions.length === 0)).toBe(true);
  });
});

describe("listQueue: filters", () => {
  it.each(QUEUE_STATUSES)("by status %s", async (status) => {
    const { rows, total } = await allRows({ status });
    const want = expected((e) => e.status === status);
    expect(want.length).toBeGreaterThan(0);
    expect(total).toBe(want.length);
    expect(ids(rows)).toEqual(ids(want));
  });

  it("by environment", async () => {
    for (const environment of ["STAGING", "PRODUCTION"] as const) {
      const { rows } = await allRows({ environment });
      expect(ids(rows)).toEqual(ids(expected((e) => e.environment === environment)));
    }
  });

  it("by organization", async () => {
    const { rows, total } = await allRows({ organizationId: globex.id });
    expect(total).toBe(21);
    expect(ids(rows)).toEqual(ids(expected((e) => e.orgId === globex.id)));
  });

  it("combined", async () => {
    const { rows } = await allRows({ status: "SUBMITTED", environment: "STAGING", organizationId: northwind.id });
    const want = expected((e) => e.status === "SUBMITTED" && e.environment === "STAGING" && e.orgId === northwind.id);
    expect(want.length).toBeGreaterThan(0);
    expect(ids(rows)).toEqual(ids(want));
    expect(ids(rows)).toContain(quokka);
  });
});

describe("listQueue: counts per status", () => {
  it("ignore the status filter", async () => {
    const all = await listQueue({});
    expect(all.counts).toEqual(countsOf(entries));
    for (const status of QUEUE_STATUSES) expect((await listQueue({ status })).counts).toEqual(all.counts);
    expect(Object.values(all.counts).reduce((a, b) => a + b, 0)).toBe(all.total);
  });

  it("respect the other filters", async () => {
    const want = countsOf(entries.filter((e) => e.environment === "PRODUCTION" && e.orgId === globex.id));
    const got = await listQueue({ status: "APPROVED", environment: "PRODUCTION", organizationId: globex.id });
    expect(got.counts).toEqual(want);
    expect(got.total).toBe(want.APPROVED);
    const searched = await listQueue({ status: "REJECTED", q: "cobalt" });
    expect(searched.counts).toEqual(countsOf(entries.filter((e) => e.clientName.startsWith("Cobalt"))));
  });
});

describe("listQueue: search", () => {
  it("finds a client name by a substring of 3 or more characters, in any case", async () => {
    const want = ids(expected((e) => e.clientName.startsWith("Cobalt Sync")));
    expect(want).toHaveLength(10);
    expect(ids((await allRows({ q: "obal" })).rows)).toEqual(want);
    expect(ids((await allRows({ q: "  COBALT  " })).rows)).toEqual(want);
    expect(ids((await allRows({ q: "quokka rep" })).rows)).toEqual([quokka]);
    expect((await listQueue({ q: "no such client" })).total).toBe(0);
  });

  it("finds by organization name", async () => {
    expect(ids((await allRows({ q: "globex" })).rows)).toEqual(ids(expected((e) => e.orgId === globex.id)));
    expect(ids((await allRows({ q: "Northwind Trad" })).rows)).toEqual(ids(expected((e) => e.orgId === northwind.id)));
  });

  it("finds by contact e-mail address", async () => {
    const want = ids(expected((e) => e.orgId === globex.id && e.id !== wombat));
    expect(ids((await allRows({ q: "integrations@blaze.example" })).rows)).toEqual(want);
    expect(ids((await allRows({ q: "blaze.exam" })).rows)).toEqual(want);
    expect(ids((await allRows({ q: "name.surname@example.io" })).rows).sort()).toEqual([wombat, platypus].sort());
  });

  it("finds an e-mail address that contains an underscore", async () => {
    expect(ids((await allRows({ q: "first_last@quokka.example" })).rows)).toEqual([quokka]);
    expect(ids((await allRows({ q: "first_last" })).rows)).toEqual([quokka]);
  });

  it("matches 1 or 2 characters as a prefix only", async () => {
    const zephyr = ids(expected((e) => e.clientName.startsWith("Zephyr")));
    expect(zephyr).toHaveLength(10);
    // "ze" also occurs inside "blaze.example", which a prefix search must not match.
    expect(ids((await allRows({ q: "ze" })).rows)).toEqual(zephyr);
    expect(ids((await allRows({ q: "Z" })).rows)).toEqual(zephyr);
    expect(ids((await allRows({ q: "qu" })).rows)).toEqual([quokka]);
    expect((await listQueue({ q: "yr" })).total).toBe(0);
  });

  it("does not treat a % in the query as a wildcard", async () => {
    expect((await listQueue({ q: "co%sync" })).total).toBe(0);
    expect((await listQueue({ q: "%" })).total).toBe(0);
    expect((await listQueue({ q: "%%%" })).total).toBe(0);
  });

  it("does not treat a _ in the query as a wildcard", async () => {
    expect((await listQueue({ q: "z_phyr" })).total).toBe(0);
    expect((await listQueue({ q: "_" })).total).toBe(0);
    expect((await listQueue({ q: "___" })).total).toBe(0);
  });

  it("ignores an empty or blank query", async () => {
    expect((await listQueue({ q: "" })).total).toBe(63);
    expect((await listQueue({ q: "   " })).total).toBe(63);
  });
});

describe("listQueue: pagination", () => {
  it("serves 25 rows a page, the next 25 on page 2, and the rest on page 3", async () => {
    expect(QUEUE_PAGE_SIZE).toBe(25);
    const all = ids(expected(() => true));
    const [p1, p2, p3] = await Promise.all([listQueue({ page: 1 }), listQueue({ page: 2 }), listQueue({ page: 3 })]);
    expect(p1).toMatchObject({ page: 1, pageCount: 3, total: 63 });
    expect(p2).toMatchObject({ page: 2, pageCount: 3, total: 63 });
    expect(ids(p1.rows)).toEqual(all.slice(0, 25));
    expect(ids(p2.rows)).toEqual(all.slice(25, 50));
    expect(ids(p3.rows)).toEqual(all.slice(50));
    expect(p3.rows).toHaveLength(13);
  });

  it("counts pages for the filtered rows, and copes with pages out of range", async () => {
    const submitted = expected((e) => e.status === "SUBMITTED").length;
    expect((await listQueue({ status: "SUBMITTED" })).pageCount).toBe(Math.max(1, Math.ceil(submitted / 25)));
    expect(await listQueue({ q: "no such client" })).toMatchObject({ rows: [], total: 0, pageCount: 1 });
    expect((await listQueue({ page: 0 })).page).toBe(1);
    expect((await listQueue({ page: -3 })).page).toBe(1);
    const beyond = await listQueue({ page: 9 });
    expect(beyond).toMatchObject({ page: 9, pageCount: 3, rows: [], next: null });
  });

  it("links Next and Previous by the row they continue from, and they walk the same pages as page numbers", async () => {
    const all = ids(expected(() => true));
    const p1 = await listQueue({});
    expect(p1.previous).toBeNull();
    expect(p1.next).toMatchObject({ page: 2, after: { id: all[24] } });
    const p2 = await listQueue(p1.next!);
    expect(p2).toMatchObject({ page: 2, pageCount: 3 });
    expect(ids(p2.rows)).toEqual(all.slice(25, 50));
    const p3 = await listQueue(p2.next!);
    expect(p3).toMatchObject({ page: 3, next: null });
    expect(ids(p3.rows)).toEqual(all.slice(50));
    // Back from page 3: page 2 by its first row; from page 2 straight to the first page.
    expect(p3.previous).toMatchObject({ page: 2, before: { id: all[50] } });
    const back2 = await listQueue(p3.previous!);
    expect(ids(back2.rows)).toEqual(all.slice(25, 50));
    expect(back2.previous).toEqual({ page: 1 });
    expect(back2.next).toMatchObject({ page: 3, after: { id: all[49] } });
  });

  it("keeps the filters when paging by cursor, and places ties on submittedAt by id", async () => {
    const approved = expected((e) => e.status === "APPROVED");
    const [first] = approved;
    // A cursor at the first row's time with the lowest possible id: that row itself comes next.
    const low = await listQueue({ status: "APPROVED", after: { submittedAt: first!.submittedAt, id: "00000000-0000-0000-0000-000000000000" } });
    expect(ids(low.rows)).toEqual(ids(approved).slice(0, 25));
    const high = await listQueue({ status: "APPROVED", after: { submittedAt: first!.submittedAt, id: "ffffffff-ffff-ffff-ffff-ffffffffffff" } });
    expect(ids(high.rows)).toEqual(ids(approved).slice(1, 26));
    expect(high.rows.every((r) => r.reviewStatus === "APPROVED")).toBe(true);
    // Going back from the first row finds nothing before it: the first page, with no Previous.
    const before = await listQueue({ status: "APPROVED", page: 4, before: { submittedAt: first!.submittedAt, id: first!.id } });
    expect(before).toMatchObject({ rows: [], page: 1, previous: null });
  });

  it("reads and writes cursors, and refuses anything else", () => {
    const cursor = { submittedAt: new Date("2026-11-23T10:11:12.345Z"), id: "0b7c5c1e-2f7e-4a39-9a43-3d7d8c1e2a10" };
    expect(parseQueueCursor(formatQueueCursor(cursor))).toEqual(cursor);
    for (const bad of [
      undefined,
      "",
      "1.2",
      "abc.0b7c5c1e-2f7e-4a39-9a43-3d7d8c1e2a10",
      "1764000000000.not-a-uuid",
      "9".repeat(16) + ".0b7c5c1e-2f7e-4a39-9a43-3d7d8c1e2a10",
    ])
      expect(parseQueueCursor(bad)).toBeNull();
  });
});

describe("getRegistrationForReview", () => {
  it("shows the submitted revisions with their comments, never the partner's draft", async () => {
    const detail = await getRegistrationForReview(platypus);
    expect(detail).toMatchObject({
      id: platypus,
      clientName: "Platypus Ledger",
      environment: "STAGING",
      reviewStatus: "CHANGES_REQUESTED",
      latestStatus: "DRAFT",
      organization: { id: northwind.id, name: "Northwind Traders" },
    });
    expect(await (await db()).revision.count({ where: { registrationId: platypus } })).toBe(2);
    expect(detail?.revisions).toHaveLength(1);
    const [rev] = detail!.revisions;
    expect(rev).toMatchObject({
      number: 1,
      status: "CHANGES_REQUESTED",
      decisionNote: "Two things to fix.",
      submittedBy: { name: "Pat Partner" },
      claimedBy: { id: alice.id, name: "Alice Admin" },
      decidedBy: { name: "Alice Admin" },
      submittedAt: expect.any(Date),
      decidedAt: expect.any(Date),
    });
    expect(rev?.data).toMatchObject({ clientName: "Platypus Ledger" });
    expect(rev?.comments.map((c) => ({ field: c.field, body: c.body, author: c.author.name })).sort((a, b) => a.body.localeCompare(b.body))).toEqual([
      { field: null, body: "Otherwise fine.", author: "Alice Admin" },
      { field: "redirectUris", body: "Use your production callback.", author: "Alice Admin" },
    ]);
  });

  it("shows no revisions of a registration that is only a draft", async () => {
    const detail = await getRegistrationForReview(drafts[0]!);
    expect(detail?.revisions).toEqual([]);
  });

  it("is null for unknown ids", async () => {
    expect(await getRegistrationForReview("not-a-uuid")).toBeNull();
    expect(await getRegistrationForReview("00000000-0000-4000-8000-000000000000")).toBeNull();
  });
});
