import { describe, expect, it } from "vitest";
import { readStoredSteps } from "@/lib/test-connection/stored-steps";
import type { Step } from "@/lib/test-connection/types";

// TestRun.steps is read step by step: a step of another shape is left out and counted.

const at = "2026-11-23T10:00:00.000Z";
const passed: Step = {
  id: "authorization_request",
  title: "Authorization request",
  status: "passed",
  startedAt: at,
  durationMs: 14,
  scopes: { requested: ["users:read", "openid"], granted: [] },
  http: {
    request: { method: "GET", url: "https://auth.example/authorize", headers: {}, body: null },
    response: { status: 302, headers: { location: "x" }, body: "" },
  },
};
const failed: Step = {
  id: "token_exchange",
  title: "Token exchange",
  status: "failed",
  startedAt: at,
  durationMs: 80,
  explanation: { code: "invalid_client", problem: "The server did not accept the client.", fix: "Use the current client secret." },
  tokens: [{ label: "ID token", header: { alg: "RS256" }, payload: { sub: "x" } }],
  notes: ["a note"],
};

describe("readStoredSteps", () => {
  it("reads today's steps as they are", () => {
    expect(readStoredSteps(JSON.parse(JSON.stringify([passed, failed])))).toEqual({ steps: [passed, failed], unreadable: [] });
    expect(readStoredSteps([])).toEqual({ steps: [], unreadable: [] });
  });

  it("reads no value as no steps, and a value that is no list as all steps unreadable", () => {
    expect(readStoredSteps(null)).toEqual({ steps: [], unreadable: [] });
    expect(readStoredSteps({ steps: [passed] })).toEqual({ steps: [], unreadable: ["all steps"] });
    expect(readStoredSteps("junk")).toEqual({ steps: [], unreadable: ["all steps"] });
  });

  it("leaves out the steps of an older or broken shape, naming their position", () => {
    const older = { id: "exchange", status: "ok", at }; // an id and a status that no longer exist
    const partial = { ...failed, durationMs: "80 ms" };
    expect(readStoredSteps([passed, older, 7, partial, failed])).toEqual({ steps: [passed, failed], unreadable: ["step 2", "step 3", "step 4"] });
  });
});
