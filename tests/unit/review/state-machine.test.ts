import { describe, expect, it } from "vitest";
import { authorize, POLICY_TRANSITIONS, TRANSITIONS, type Actor, type Decision, type ReviewAction, type RevisionState } from "@/lib/review/state-machine";

// The revision state table of DESIGN.md, spelled out independently of TRANSITIONS so that any
// change to the table in code (a new action, a new source state, another actor) fails here.

const STATES: RevisionState[] = ["DRAFT", "SUBMITTED", "IN_REVIEW", "CHANGES_REQUESTED", "APPROVED", "REJECTED", "WITHDRAWN"];
const ACTIONS: ReviewAction[] = ["submit", "delete_draft", "claim", "take_over", "withdraw", "approve", "request_changes", "reject", "new_draft"];

const CLAIMANT_ID = "admin-claimant";
const OTHER_ADMIN_ID = "admin-other";
type ActorName = "member" | "admin claimant" | "other admin";
const ACTORS: Record<ActorName, Actor> = {
  member: { kind: "member" },
  "admin claimant": { kind: "admin", userId: CLAIMANT_ID },
  "other admin": { kind: "admin", userId: OTHER_ADMIN_ID },
};

/** Every allowed combination, with its target state, exactly as DESIGN.md's table says. */
const ALLOWED: Record<string, RevisionState | null> = {
  // partner member
  "submit DRAFT member": "SUBMITTED",
  "delete_draft DRAFT member": null,
  "withdraw SUBMITTED member": "WITHDRAWN",
  "withdraw IN_REVIEW member": "WITHDRAWN",
  "new_draft CHANGES_REQUESTED member": "DRAFT",
  "new_draft REJECTED member": "DRAFT",
  "new_draft WITHDRAWN member": "DRAFT",
  "new_draft APPROVED member": "DRAFT", // "edits a live/decided one"
  // any admin claims a submitted revision
  "claim SUBMITTED admin claimant": "IN_REVIEW",
  "claim SUBMITTED other admin": "IN_REVIEW",
  // another admin takes over explicitly
  "take_over IN_REVIEW other admin": "IN_REVIEW",
  // only the claiming admin decides
  "approve IN_REVIEW admin claimant": "APPROVED",
  "request_changes IN_REVIEW admin claimant": "CHANGES_REQUESTED",
  "reject IN_REVIEW admin claimant": "REJECTED",
};

const MEMBER_ACTIONS: ReviewAction[] = ["submit", "delete_draft", "withdraw", "new_draft"];
const CLAIMANT_ACTIONS: ReviewAction[] = ["approve", "request_changes", "reject"];
const FROM: Record<ReviewAction, RevisionState[]> = {
  submit: ["DRAFT"],
  delete_draft: ["DRAFT"],
  claim: ["SUBMITTED"],
  take_over: ["IN_REVIEW"],
  withdraw: ["SUBMITTED", "IN_REVIEW"],
  approve: ["IN_REVIEW"],
  request_changes: ["IN_REVIEW"],
  reject: ["IN_REVIEW"],
  new_draft: ["CHANGES_REQUESTED", "REJECTED", "WITHDRAWN", "APPROVED"],
};

/** Why a combination that is not in ALLOWED is refused (checks in order: actor kind, state, claim). */
function expectedRefusal(action: ReviewAction, state: RevisionState, actor: ActorName) {
  const memberAction = MEMBER_ACTIONS.includes(action);
  if (memberAction !== (actor === "member")) return "forbidden";
  if (!FROM[action].includes(state)) return "wrong_state";
  if (action === "take_over" && actor === "admin claimant") return "own_claim";
  if (CLAIMANT_ACTIONS.includes(action) && actor === "other admin") return "not_claimant";
  throw new Error(`no refusal reason for ${action} ${state} ${actor}`);
}

const matrix = ACTIONS.flatMap((action) =>
  STATES.flatMap((state) => (Object.keys(ACTORS) as ActorName[]).map((actor) => ({ action, state, actor, key: `${action} ${state} ${actor}` }))),
);

describe("the table itself", () => {
  it("knows exactly the actions of DESIGN.md", () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...ACTIONS].sort());
  });

  it("matches DESIGN.md's rows (source states, target, who)", () => {
    expect(TRANSITIONS).toEqual({
      submit: { from: ["DRAFT"], to: "SUBMITTED", by: "member" },
      delete_draft: { from: ["DRAFT"], to: null, by: "member" },
      claim: { from: ["SUBMITTED"], to: "IN_REVIEW", by: "admin" },
      take_over: { from: ["IN_REVIEW"], to: "IN_REVIEW", by: "admin" },
      withdraw: { from: ["SUBMITTED", "IN_REVIEW"], to: "WITHDRAWN", by: "member" },
      approve: { from: ["IN_REVIEW"], to: "APPROVED", by: "claimant" },
      request_changes: { from: ["IN_REVIEW"], to: "CHANGES_REQUESTED", by: "claimant" },
      reject: { from: ["IN_REVIEW"], to: "REJECTED", by: "claimant" },
      new_draft: { from: ["CHANGES_REQUESTED", "REJECTED", "WITHDRAWN", "APPROVED"], to: "DRAFT", by: "member" },
    });
  });

  it("walks all 189 combinations, 14 of them allowed", () => {
    expect(matrix).toHaveLength(ACTIONS.length * STATES.length * 3);
    expect(matrix).toHaveLength(189);
    const allowed = matrix.filter((m) => authorize(m.action, m.state, ACTORS[m.actor], CLAIMANT_ID).ok).map((m) => m.key);
    expect(allowed.sort()).toEqual(Object.keys(ALLOWED).sort());
  });
});

describe("authorize: every action × state × actor (revision claimed by the claimant)", () => {
  it.each(matrix)("$action on $state by $actor", ({ action, state, actor, key }) => {
    const decision: Decision = authorize(action, state, ACTORS[actor], CLAIMANT_ID);
    if (key in ALLOWED) {
      expect(decision).toEqual({ ok: true, to: ALLOWED[key] });
    } else {
      expect(decision.ok).toBe(false);
      if (decision.ok) return;
      expect(decision.reason).toBe(expectedRefusal(action, state, actor));
      expect(decision.message.length).toBeGreaterThan(10);
    }
  });
});

describe("authorize: messages and unclaimed revisions", () => {
  it("tells members and admins which side may act", () => {
    expect(authorize("claim", "SUBMITTED", ACTORS.member, null)).toMatchObject({
      ok: false,
      reason: "forbidden",
      message: "Only platform admins can do this.",
    });
    expect(authorize("withdraw", "SUBMITTED", ACTORS["other admin"], null)).toMatchObject({
      ok: false,
      reason: "forbidden",
      message: "Only members of the partner organization can do this.",
    });
  });

  it("names the state and the action when the state is wrong", () => {
    const d = authorize("approve", "APPROVED", ACTORS["admin claimant"], CLAIMANT_ID);
    expect(d).toMatchObject({ ok: false, reason: "wrong_state" });
    if (!d.ok) expect(d.message).toBe("This revision is already approved, so it cannot be approved now.");
    const w = authorize("withdraw", "CHANGES_REQUESTED", ACTORS.member, null);
    if (!w.ok) expect(w.message).toContain("already decided");
  });

  it("lets any admin claim an unclaimed submission, and nobody decide it before it is claimed", () => {
    expect(authorize("claim", "SUBMITTED", ACTORS["other admin"], null)).toEqual({ ok: true, to: "IN_REVIEW" });
    for (const action of CLAIMANT_ACTIONS) {
      expect(authorize(action, "IN_REVIEW", ACTORS["admin claimant"], null)).toMatchObject({ ok: false, reason: "not_claimant" });
    }
  });

  it("refuses to take over one's own claim but lets the claimant decide", () => {
    expect(authorize("take_over", "IN_REVIEW", ACTORS["admin claimant"], CLAIMANT_ID)).toMatchObject({
      ok: false,
      reason: "own_claim",
      message: "You are already reviewing this revision.",
    });
    expect(authorize("take_over", "IN_REVIEW", ACTORS["other admin"], CLAIMANT_ID)).toEqual({ ok: true, to: "IN_REVIEW" });
    expect(authorize("approve", "IN_REVIEW", ACTORS["other admin"], CLAIMANT_ID)).toMatchObject({ ok: false, reason: "not_claimant" });
  });
});

describe("the policy actor (instant staging)", () => {
  const policy: Actor = { kind: "policy" };

  it("has a table of its own with exactly one row: approve a submitted revision", () => {
    expect(POLICY_TRANSITIONS).toEqual({ approve: { from: ["SUBMITTED"], to: "APPROVED" } });
  });

  it.each(ACTIONS.flatMap((action) => STATES.map((state) => ({ action, state }))))("$action on $state by the policy", ({ action, state }) => {
    const decision = authorize(action, state, policy, null);
    if (action === "approve" && state === "SUBMITTED") {
      expect(decision).toEqual({ ok: true, to: "APPROVED" });
    } else {
      expect(decision.ok).toBe(false);
      if (!decision.ok) expect(decision.reason).toBe(action === "approve" ? "wrong_state" : "forbidden");
    }
  });

  it("cannot approve a revision an admin has claimed, nor claim, comment or decide otherwise", () => {
    expect(authorize("approve", "IN_REVIEW", policy, CLAIMANT_ID)).toMatchObject({ ok: false, reason: "wrong_state" });
    expect(authorize("claim", "SUBMITTED", policy, null)).toMatchObject({ ok: false, reason: "forbidden", message: "Only a person can do this." });
    expect(authorize("reject", "SUBMITTED", policy, null)).toMatchObject({ ok: false, reason: "forbidden" });
  });

  it("does not give people the policy's shortcut: admins still claim before approving", () => {
    expect(authorize("approve", "SUBMITTED", ACTORS["admin claimant"], null)).toMatchObject({ ok: false, reason: "wrong_state" });
    expect(authorize("approve", "SUBMITTED", ACTORS.member, null)).toMatchObject({ ok: false, reason: "forbidden" });
  });
});
