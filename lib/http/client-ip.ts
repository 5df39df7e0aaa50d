// The client's address for rate limiting. server.mjs makes X-Forwarded-For end with the
// socket's peer address, so the right-most entry is the peer we actually talked to. Behind a
// reverse proxy (TRUST_PROXY=true) that peer is the proxy, and the entry before it is the
// address the proxy saw. Entries further left are whatever the client claimed: never used.
export function clientIpFrom(forwardedFor: string | null, trustProxy: boolean): string | undefined {
  const hops = (forwardedFor ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (hops.length === 0) return undefined;
  const index = trustProxy && hops.length >= 2 ? hops.length - 2 : hops.length - 1;
  return hops[index];
}
