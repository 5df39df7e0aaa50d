// Used by server.mjs before Next.js sees a request (plain JavaScript: the server loads it
// without a TypeScript step). Next.js only fills X-Forwarded-For when the request lacks it,
// so without this a client could choose the address that sign-in rate limiting counts.

/**
 * Makes X-Forwarded-For end with the socket's peer address. Without a trusted proxy it is
 * exactly that address, and the other X-Forwarded-* headers (which steer the URLs Auth.js
 * builds) are dropped; behind a trusted proxy the peer (the proxy) is appended to what the
 * proxy sent.
 * @param {Record<string, string | string[] | undefined>} headers mutated in place
 * @param {string | undefined} peer the socket's remote address
 * @param {boolean} trustProxy
 */
export function normalizeForwardedHeaders(headers, peer, trustProxy) {
  const address = peer ?? "unknown";
  if (trustProxy) {
    const sent = headers["x-forwarded-for"];
    const list = Array.isArray(sent) ? sent.join(", ") : sent;
    headers["x-forwarded-for"] = list ? `${list}, ${address}` : address;
    return;
  }
  headers["x-forwarded-for"] = address;
  delete headers["x-forwarded-host"];
  delete headers["x-forwarded-proto"];
  delete headers["x-forwarded-port"];
}
