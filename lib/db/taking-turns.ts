// PGlite runs each statement synchronously on the server's own thread, and its promise chain
// never hands the thread back to the event loop: under load, hundreds of queued statements ran
// back to back for most of a second at a time. Node.js (libuv) takes up at most one new
// connection per turn of the event loop, so new clients waited tens of seconds to be let in
// (70–147 of 200 in the autosave benchmark; BENCHMARKS.md, "When to move to PostgreSQL").
// Here every statement (or transaction) waits for a turn of its own, one per turn of the loop
// and in arrival order, so connections are accepted and sockets read between statements.
import type { PGlite } from "@electric-sql/pglite";

/** The same database, whose query, exec and transaction each start on a turn of their own. */
export function takingTurns(pglite: PGlite): PGlite {
  const waiting: (() => void)[] = [];
  let scheduled = false;
  const next = () => {
    const go = waiting.shift();
    // Scheduled from inside a setImmediate callback, so it runs on the loop's next turn.
    if (waiting.length) setImmediate(next);
    else scheduled = false;
    go?.();
  };
  const turn = () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      if (!scheduled) {
        scheduled = true;
        setImmediate(next);
      }
    });
  const gated: Pick<PGlite, "query" | "exec" | "transaction"> = {
    query: async (...args) => {
      await turn();
      return pglite.query(...args);
    },
    exec: async (...args) => {
      await turn();
      return pglite.exec(...args);
    },
    transaction: async (...args) => {
      await turn();
      return pglite.transaction(...args);
    },
  };
  // pglite-prisma-adapter calls only these three; the rest of PGlite stays on `pglite`.
  return gated as PGlite;
}
