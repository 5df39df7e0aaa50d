import { describe, expect, it } from "vitest";
import { emptyRegistration } from "@/lib/registration/fields";
import { reviewBaseline } from "@/lib/review/diff";

const data = (clientName: string) => ({ ...emptyRegistration(), clientName });
const staging = { number: 3, data: data("staging") };

describe("reviewBaseline", () => {
  it("compares the first Production revision with the approved staging revision it was prepared from", () => {
    expect(reviewBaseline([{ number: 1, status: "SUBMITTED", data: data("p1") }], 1, staging)).toMatchObject({ kind: "staging", number: 3 });
    // Sent back and resubmitted: still nothing approved in Production, still the staging one.
    const revisions = [
      { number: 2, status: "SUBMITTED", data: data("p2") },
      { number: 1, status: "CHANGES_REQUESTED", data: data("p1") },
    ];
    expect(reviewBaseline(revisions, 2, staging)?.kind).toBe("staging");
  });

  it("compares later revisions with the approved Production one, as for any registration", () => {
    const revisions = [
      { number: 2, status: "SUBMITTED", data: data("p2") },
      { number: 1, status: "APPROVED", data: data("p1") },
    ];
    expect(reviewBaseline(revisions, 2, staging)).toMatchObject({ kind: "approved", number: 1 });
  });

  it("without a staging link: the previous reviewed revision, or nothing for a first revision", () => {
    const revisions = [
      { number: 2, status: "SUBMITTED", data: data("b") },
      { number: 1, status: "REJECTED", data: data("a") },
    ];
    expect(reviewBaseline(revisions, 2, null)).toMatchObject({ kind: "previous", number: 1, status: "REJECTED" });
    expect(reviewBaseline(revisions.slice(1), 1, null)).toBeNull();
  });
});
