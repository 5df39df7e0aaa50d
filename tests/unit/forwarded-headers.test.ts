import { describe, expect, it } from "vitest";
import { normalizeForwardedHeaders } from "@/lib/http/forwarded-headers.mjs";
import { clientIpFrom } from "@/lib/http/client-ip";

type Headers = Record<string, string | string[] | undefined>;

function clientIp(headers: Headers, peer: string, trustProxy: boolean) {
  normalizeForwardedHeaders(headers, peer, trustProxy);
  return clientIpFrom(headers["x-forwarded-for"] as string, trustProxy);
}

describe("normalizeForwardedHeaders + clientIpFrom", () => {
  it("without a trusted proxy, a client cannot choose its address", () => {
    const headers: Headers = { "x-forwarded-for": "203.0.113.9", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" };
    expect(clientIp(headers, "198.51.100.7", false)).toBe("198.51.100.7");
    expect(headers["x-forwarded-for"]).toBe("198.51.100.7");
    expect(headers["x-forwarded-host"]).toBeUndefined();
    expect(headers["x-forwarded-proto"]).toBeUndefined();
  });

  it("without any header, the socket's address is used", () => {
    expect(clientIp({}, "127.0.0.1", false)).toBe("127.0.0.1");
  });

  it("behind a trusted proxy, the address the proxy saw counts, not what the client claimed", () => {
    // client sends a spoofed entry; the proxy appends the real client address; we append the proxy
    const headers: Headers = { "x-forwarded-for": "203.0.113.9, 192.0.2.44", "x-forwarded-host": "portal.example" };
    expect(clientIp(headers, "10.0.0.2", true)).toBe("192.0.2.44");
    expect(headers["x-forwarded-host"]).toBe("portal.example");
  });

  it("behind a trusted proxy that sent nothing, the proxy's own address counts", () => {
    expect(clientIp({}, "10.0.0.2", true)).toBe("10.0.0.2");
  });
});
