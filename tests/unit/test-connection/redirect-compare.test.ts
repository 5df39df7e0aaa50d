import { describe, expect, it } from "vitest";
import { compareRedirectUri, describeDifferences, diffSegments } from "@/lib/test-connection/redirect-compare";

const CALLBACK = "http://localhost:3000/api/test-connection/callback";

describe("diffSegments", () => {
  it("splits into common prefix, differing middle and common suffix", () => {
    const { a, b } = diffSegments("https://app.example/callback", "https://app.example/callback/");
    expect(a).toEqual([{ text: "https://app.example/callback", differs: false }]);
    expect(b).toEqual([
      { text: "https://app.example/callback", differs: false },
      { text: "/", differs: true },
    ]);
    const port = diffSegments("http://localhost:3000/cb", "http://localhost:3001/cb");
    expect(port.a.map((s) => s.text)).toEqual(["http://localhost:300", "0", "/cb"]);
    expect(port.b.filter((s) => s.differs).map((s) => s.text)).toEqual(["1"]);
  });

  it("never overlaps prefix and suffix", () => {
    const { a, b } = diffSegments("aa", "aaa");
    expect(a.map((s) => s.text).join("")).toBe("aa");
    expect(b.map((s) => s.text).join("")).toBe("aaa");
    expect(b.find((s) => s.differs)?.text).toBe("a");
  });
});

describe("describeDifferences", () => {
  it.each([
    ["https://a.example/cb/", "https://a.example/cb", "a trailing slash"],
    ["http://a.example/cb", "https://a.example/cb", "the scheme (http instead of https)"],
    ["http://127.0.0.1:3000/cb", "http://localhost:3000/cb", "the loopback host name (127.0.0.1 and localhost are different strings)"],
    ["http://localhost:3001/cb", "http://localhost:3000/cb", "the port (3001 instead of 3000)"],
    ["https://a.example/Callback", "https://a.example/callback", "the letter case of the path"],
    ["https://a.example/cb?x=1", "https://a.example/cb", "the query string"],
    ["https://b.example/cb", "https://a.example/cb", "the host (b.example instead of a.example)"],
  ])("%s vs %s: %s", (requested, registered, expected) => {
    expect(describeDifferences(requested, registered)).toContain(expected);
  });

  it("is empty for an exact match", () => {
    expect(describeDifferences(CALLBACK, CALLBACK)).toEqual([]);
  });
});

describe("compareRedirectUri", () => {
  it("matches exactly only", () => {
    expect(compareRedirectUri(CALLBACK, [CALLBACK]).exactMatch).toBe(true);
    expect(compareRedirectUri(CALLBACK, [`${CALLBACK}/`]).exactMatch).toBe(false);
  });

  it("lists every registered URI, closest first, with the difference highlighted", () => {
    const result = compareRedirectUri(CALLBACK, [
      "https://client.example/oauth/callback",
      "http://localhost:3000/api/test-connection/callback/",
      "https://oauth.pstmn.io/v1/callback",
    ]);
    expect(result.exactMatch).toBe(false);
    expect(result.candidates).toHaveLength(3);
    const closest = result.candidates[0]!;
    expect(closest.registered).toBe("http://localhost:3000/api/test-connection/callback/");
    expect(closest.registeredSegments.filter((s) => s.differs).map((s) => s.text)).toEqual(["/"]);
    expect(closest.differences).toEqual(["a trailing slash"]);
    expect(closest.registeredSegments.map((s) => s.text).join("")).toBe(closest.registered);
    expect(closest.requestedSegments.map((s) => s.text).join("")).toBe(CALLBACK);
  });

  it("handles a registration without redirect URIs", () => {
    expect(compareRedirectUri(CALLBACK, [])).toEqual({ requested: CALLBACK, exactMatch: false, candidates: [] });
  });
});
