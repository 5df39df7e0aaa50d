// Used by server.mjs (plain JavaScript, like forwarded-headers.mjs). Under load, Node.js reads
// every socket that has a request and hands each to Next.js at once: with 200 clients, about
// 190 requests sat half-way through Next.js waiting for one of the 10 database connections,
// each holding its request objects across several garbage collections. Letting a bounded
// number in at a time, in arrival order, keeps that work short-lived: 10% less server CPU per
// autosave at 200 clients (BENCHMARKS.md, autosave). Requests still all get answered; the
// ones waiting here cost next to nothing.

/**
 * At most `limit` requests run at once; the others wait in arrival order. A request never waits
 * longer than `maxWaitMs`: then it runs anyway, so requests that take long (a slow upload, a
 * Test connection waiting on an authorization server) hold the others back by that much at
 * most, and a request can never wait forever on one that waits on it.
 * @param {{ limit: number, maxWaitMs: number }} options
 */
export function admission({ limit, maxWaitMs }) {
  let running = 0;
  /** @type {{ run: () => Promise<unknown>, gone: () => boolean, dropped: () => void, timer?: NodeJS.Timeout }[]} */
  const waiting = [];

  const start = (entry) => {
    running++;
    Promise.resolve()
      .then(entry.run)
      .catch(() => undefined) // the caller's run handles its own failures
      .finally(() => {
        running--;
        next();
      });
  };

  const next = () => {
    while (running < limit && waiting.length) {
      const entry = waiting.shift();
      clearTimeout(entry.timer);
      admit(entry);
    }
  };

  // A client that hung up while it waited is not worth starting.
  const admit = (entry) => (entry.gone() ? entry.dropped() : start(entry));

  return {
    /**
     * Runs `run` now or when its turn comes.
     * @param {() => Promise<unknown>} run
     * @param {{ gone?: () => boolean, dropped?: () => void }} [hooks] `gone` says the client hung up; `dropped` is called instead of `run` then
     */
    enter(run, { gone = () => false, dropped = () => {} } = {}) {
      const entry = { run, gone, dropped };
      if (running < limit && waiting.length === 0) return start(entry);
      // Every entry waits as long, so the oldest always times out first.
      entry.timer = setTimeout(() => {
        waiting.splice(waiting.indexOf(entry), 1);
        admit(entry);
      }, maxWaitMs);
      waiting.push(entry);
    },
    get running() {
      return running;
    },
    get waiting() {
      return waiting.length;
    },
  };
}

/**
 * Hands a request to `run` through the gate, or straight away when it must not wait: see
 * takesATurn, and a request whose body is still arriving. Node.js has parsed all that one read
 * of the socket held by the time setImmediate runs (a microtask would run right after the
 * headers), so a small body sent with its headers is complete by then; a body still on its way
 * would hold a turn while the client took its time (a slow upload, or a client sending slowly
 * on purpose), so it goes in without one.
 * @param {ReturnType<typeof admission>} gate
 * @param {{ url?: string, complete: boolean }} req
 * @param {() => Promise<unknown>} run
 * @param {{ gone?: () => boolean, dropped?: () => void }} [hooks]
 */
export function admit(gate, req, run, hooks) {
  if (!takesATurn(req.url)) return void run();
  setImmediate(() => (req.complete ? gate.enter(run, hooks) : void run()));
}

/**
 * Whether a request waits for its turn. Static files and the health check never do, nor the
 * embedded authorization server and sandbox API: the portal's own route handlers call those
 * while they hold a turn (approval, Test connection), and must not wait on themselves.
 * @param {string | undefined} url the request target as received
 */
export function takesATurn(url = "/") {
  return !/^\/(_next\/|oidc(\/|\?|$)|sandbox\/v1\/|api\/health(\?|$))/.test(url);
}
