import { describe, expect, it } from "vitest";
import { clientIpFrom } from "@/lib/http/client-ip";

describe("clientIpFrom without TRUST_PROXY", () => {
  it("uses the right-most hop, ignoring addresses the client claimed", () => {
    expect(clientIpFrom("203.0.113.7", false)).toBe("203.0.113.7");
    expect(clientIpFrom("1.2.3.4, 203.0.113.7", false)).toBe("203.0.113.7");
    expect(clientIpFrom("10.0.0.1,1.2.3.4 ,  203.0.113.7 ", false)).toBe("203.0.113.7");
  });

  it("handles IPv6 entries", () => {
    expect(clientIpFrom("1.2.3.4, 2001:db8::1", false)).toBe("2001:db8::1");
  });
});

describe("clientIpFrom with TRUST_PROXY", () => {
  it("uses the hop before the proxy", () => {
    expect(clientIpFrom("198.51.100.9, 10.0.0.2", true)).toBe("198.51.100.9");
    expect(clientIpFrom("6.6.6.6, 198.51.100.9, 10.0.0.2", true)).toBe("198.51.100.9");
  });

  it("falls back to the only hop when there is just one", () => {
    expect(clientIpFrom("198.51.100.9", true)).toBe("198.51.100.9");
  });
});

describe("clientIpFrom with no usable header", () => {
  it.each([null, "", " ", " , ,"])("returns undefined for %j", (header) => {
    expect(clientIpFrom(header, false)).toBeUndefined();
    expect(clientIpFrom(header, true)).toBeUndefined();
  });

  it("skips empty entries", () => {
    expect(clientIpFrom("1.2.3.4, ,", false)).toBe("1.2.3.4");
    expect(clientIpFrom("1.2.3.4,,10.0.0.2,", true)).toBe("1.2.3.4");
  });
});
