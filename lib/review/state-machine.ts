// The revision state table of DESIGN.md, as data: the one place that says which action may
// move a revision from which state, by whom, and to which state. Every state change goes
// through applyTransition (lib/db/transitions.ts), which asks `authorize` and moves the
// revision to the `to` state it returns; pages ask `allowedActions` what to offer. The unit
// tests walk every allowed and refused combination.

export type RevisionState = "DRAFT" | "SUBMITTED" | "IN_REVIEW" | "CHANGES_REQUESTED" | "APPROVED" | "REJECTED" | "WITHDRAWN";

export type ReviewAction =
  | "submit" // draft -> submitted (partner member, strict validation passes)
  | "delete_draft" // draft -> (deleted) (partner member; only if never submitted)
  | "claim" // submitted -> in_review (admin)
  | "take_over" // in_review -> in_review (another admin, explicitly)
  | "withdraw" // submitted | in_review -> withdrawn (partner member, before any decision)
  | "approve" // in_review -> approved (the claiming admin)
  | "request_changes" // in_review -> changes_requested (the claiming admin, with a comment)
  | "reject" // in_review -> rejected (the claiming admin, with a reason)
  | "new_draft"; // changes_requested | rejected | withdrawn | approved -> a new draft (partner member)

/**
 * Who acts: a partner member, a platform admin, or the instant-staging policy (no person: it
 * approves a submission that passed every automated check; lib/domain/policy.ts).
 */
export type Actor = { kind: "member" } | { kind: "admin"; userId: string } | { kind: "policy" };

type Rule = { from: RevisionState[]; to: RevisionState | null; by: "member" | "admin" | "claimant" };

export const TRANSITIONS: Record<ReviewAction, Rule> = {
  submit: { from: ["DRAFT"], to: "SUBMITTED", by: "member" },
  delete_draft: { from: ["DRAFT"], to: null, by: "member" },
  claim: { from: ["SUBMITTED"], to: "IN_REVIEW", by: "admin" },
  take_over: { from: ["IN_REVIEW"], to: "IN_REVIEW", by: "admin" },
  withdraw: { from: ["SUBMITTED", "IN_REVIEW"], to: "WITHDRAWN", by: "member" },
  approve: { from: ["IN_REVIEW"], to: "APPROVED", by: "claimant" },
  request_changes: { from: ["IN_REVIEW"], to: "CHANGES_REQUESTED", by: "claimant" },
  reject: { from: ["IN_REVIEW"], to: "REJECTED", by: "claimant" },
  new_draft: { from: ["CHANGES_REQUESTED", "REJECTED", "WITHDRAWN", "APPROVED"], to: "DRAFT", by: "member" },
};

/**
 * What the policy actor may do, apart from the people's table above: approve a submitted
 * revision at once (nobody claims it, because nobody reviews it). Everything else is refused.
 * Which submissions qualify (Staging only, every check passed) is lib/domain/policy.ts's
 * question; this table only says which state moves.
 */
export const POLICY_TRANSITIONS: Partial<Record<ReviewAction, { from: RevisionState[]; to: RevisionState }>> = {
  approve: { from: ["SUBMITTED"], to: "APPROVED" },
};

/** The audit log's name for each action. */
export const AUDIT_ACTION: Record<ReviewAction, string> = {
  submit: "revision.submitted",
  delete_draft: "registration.deleted",
  claim: "revision.claimed",
  take_over: "revision.taken_over",
  withdraw: "revision.withdrawn",
  approve: "revision.approved",
  request_changes: "revision.changes_requested",
  reject: "revision.rejected",
  new_draft: "revision.draft_started",
};

export type Decision =
  { ok: true; to: RevisionState | null } | { ok: false; reason: "wrong_state" | "forbidden" | "not_claimant" | "own_claim"; message: string };

/**
 * May `actor` perform `action` on a revision in `state` (claimed by `claimedById`)? Extra
 * conditions that are not about states (strict validation, "never submitted", comments) are
 * checked by the caller.
 */
export function authorize(action: ReviewAction, state: RevisionState, actor: Actor, claimedById: string | null): Decision {
  if (actor.kind === "policy") return authorizePolicy(action, state);
  const rule = TRANSITIONS[action];
  const byAdmin = rule.by === "admin" || rule.by === "claimant";
  if (byAdmin !== (actor.kind === "admin")) {
    return { ok: false, reason: "forbidden", message: byAdmin ? "Only platform admins can do this." : "Only members of the partner organization can do this." };
  }
  if (!rule.from.includes(state)) {
    return { ok: false, reason: "wrong_state", message: `This revision is ${STATE_WORD[state]}, so it cannot be ${ACTION_WORD[action]} now.` };
  }
  if (actor.kind === "admin") {
    if (action === "take_over" && claimedById === actor.userId) {
      return { ok: false, reason: "own_claim", message: "You are already reviewing this revision." };
    }
    if (rule.by === "claimant" && claimedById !== actor.userId) {
      return { ok: false, reason: "not_claimant", message: "Another admin is reviewing this revision. Take it over first if you need to decide it." };
    }
  }
  return { ok: true, to: rule.to };
}

function authorizePolicy(action: ReviewAction, state: RevisionState): Decision {
  const rule = POLICY_TRANSITIONS[action];
  if (!rule) return { ok: false, reason: "forbidden", message: "Only a person can do this." };
  if (!rule.from.includes(state)) {
    return { ok: false, reason: "wrong_state", message: `This revision is ${STATE_WORD[state]}, so it cannot be ${ACTION_WORD[action]} now.` };
  }
  return { ok: true, to: rule.to };
}

/** The actions `actor` may take on a revision in `state` now (for the buttons a page shows). */
export function allowedActions(state: RevisionState, actor: Actor, claimedById: string | null): ReviewAction[] {
  return (Object.keys(TRANSITIONS) as ReviewAction[]).filter((action) => authorize(action, state, actor, claimedById).ok);
}

/**
 * The registration's copies of its status after a revision moves to `to`: the partner's list
 * shows the latest revision's state; the admin queue keeps the last state it reviewed, so a
 * partner's new draft does not take a registration out of the queue's history.
 */
export function registrationStatuses(to: RevisionState): { latestStatus: RevisionState; reviewStatus?: RevisionState } {
  return to === "DRAFT" ? { latestStatus: to } : { latestStatus: to, reviewStatus: to };
}

const STATE_WORD: Record<RevisionState, string> = {
  DRAFT: "a draft",
  SUBMITTED: "submitted",
  IN_REVIEW: "in review",
  CHANGES_REQUESTED: "already decided (changes requested)",
  APPROVED: "already approved",
  REJECTED: "already rejected",
  WITHDRAWN: "withdrawn",
};

const ACTION_WORD: Record<ReviewAction, string> = {
  submit: "submitted",
  delete_draft: "deleted",
  claim: "claimed",
  take_over: "taken over",
  withdraw: "withdrawn",
  approve: "approved",
  request_changes: "sent back for changes",
  reject: "rejected",
  new_draft: "edited",
};
