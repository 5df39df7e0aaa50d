// Used by server.mjs (plain JavaScript, like admission.mjs). While the database is down, the
// server answers 503 at once and lets one request through every few seconds to find out
// whether it is back: that request is the probe.

/**
 * Decides which request is the next probe. The request that found the outage counts as one:
 * the interval runs from the later of the outage's start and the last probe. Counting from the
 * last probe alone let the request right after the one that found the outage through as well,
 * to fail again with the framework's error page instead of the short 503 (a flaky end-to-end
 * test showed it).
 * @param {{ everyMs: number, now?: () => number }} options
 * @returns {(downSince: number | undefined) => boolean} whether this request goes through
 */
export function databaseProbe({ everyMs, now = Date.now }) {
  let lastProbe = -Infinity;
  return (downSince) => {
    if (downSince === undefined) return true;
    const at = now();
    if (at - Math.max(lastProbe, downSince) < everyMs) return false;
    lastProbe = at;
    return true;
  };
}
