// While the database is down, server.mjs lets one request through every two seconds to find out
// whether it is back; the rest get the short 503 page at once.
import { describe, expect, it } from "vitest";
import { databaseProbe } from "@/lib/http/database-probe.mjs";

function clock(start: number) {
  let at = start;
  return { now: () => at, advance: (ms: number) => void (at += ms) };
}

describe("the database probe", () => {
  it("lets everything through while the database is up", () => {
    const time = clock(1_000);
    const mayProbe = databaseProbe({ everyMs: 2_000, now: time.now });
    for (let i = 0; i < 5; i++) expect(mayProbe(undefined)).toBe(true);
  });

  // The end-to-end test of a stopped PostgreSQL failed now and then: the request that found the
  // outage rendered the error page, and the next one, counted from no probe at all, went
  // through too and failed the same way instead of getting the short page.
  it("counts the request that found the outage as the probe", () => {
    const time = clock(50_000);
    const mayProbe = databaseProbe({ everyMs: 2_000, now: time.now });
    const downSince = time.now(); // the request that found the database gone set the flag
    time.advance(5);
    expect(mayProbe(downSince)).toBe(false);
    time.advance(1_990);
    expect(mayProbe(downSince)).toBe(false);
    time.advance(5);
    expect(mayProbe(downSince)).toBe(true);
  });

  it("lets one request through every interval while the database stays down", () => {
    const time = clock(50_000);
    const mayProbe = databaseProbe({ everyMs: 2_000, now: time.now });
    const downSince = time.now() - 10_000; // noticed long ago
    const through: number[] = [];
    for (let ms = 0; ms <= 6_000; ms += 100) {
      if (mayProbe(downSince)) through.push(ms);
      time.advance(100);
    }
    expect(through).toEqual([0, 2_000, 4_000, 6_000]);
  });

  it("starts afresh after the database came back and went away again", () => {
    const time = clock(50_000);
    const mayProbe = databaseProbe({ everyMs: 2_000, now: time.now });
    expect(mayProbe(time.now() - 10_000)).toBe(true); // a probe during the first outage
    time.advance(500);
    expect(mayProbe(undefined)).toBe(true); // back
    const again = time.now(); // gone again, 500 ms after the last probe
    time.advance(100);
    expect(mayProbe(again)).toBe(false);
    time.advance(2_000);
    expect(mayProbe(again)).toBe(true);
  });
});
