import { expect, type APIRequestContext } from "@playwright/test";

// Several clients autosaving their own drafts as fast as they can, each remembering the last
// save the server acknowledged (200) and the name it sent with every version, so that after a
// crash a test can check that every acknowledged save survived.

export type Writer = { registrationId: string; acked: number; names: Map<number, string>; errors: number; failedStarts: number[] };

export function startBurst(request: APIRequestContext, registrationIds: string[]) {
  let running = true;
  const writers: Writer[] = registrationIds.map((registrationId) => ({ registrationId, acked: 1, names: new Map(), errors: 0, failedStarts: [] }));
  const loops = writers.map(async (w, i) => {
    while (running) {
      const version = w.acked;
      const name = `Crash client ${i} save ${version + 1}`;
      w.names.set(version + 1, name);
      const started = Date.now();
      try {
        const response = await request.put(`/api/registrations/${w.registrationId}/draft`, { data: { version, data: { clientName: name } }, timeout: 5_000 });
        if (response.status() !== 200) throw new Error(`HTTP ${response.status()}`);
        w.acked = ((await response.json()) as { version: number }).version;
      } catch {
        w.errors++;
        w.failedStarts.push(started);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  });
  return {
    writers,
    /** Failed requests that had been sent before `time` (a shutdown must let them finish). */
    failedBefore: (time: number) => writers.flatMap((w) => w.failedStarts.filter((t) => t < time)).length,
    /** Stops the clients and waits for their last request to settle. */
    async stop() {
      running = false;
      await Promise.all(loops);
      return writers;
    },
  };
}

/**
 * After the restart: each draft holds its last acknowledged save, or the one after it that was
 * in flight when the server died; never less.
 */
export async function expectAcknowledgedSaves(request: APIRequestContext, writers: Writer[]) {
  for (const w of writers) {
    expect(w.acked, `client of ${w.registrationId} got no save acknowledged before the crash`).toBeGreaterThan(2);
    const stale = await request.put(`/api/registrations/${w.registrationId}/draft`, { data: { version: 1, data: { clientName: "stale" } } });
    expect(stale.status()).toBe(409);
    const current = ((await stale.json()) as { current_version: number }).current_version;
    expect([w.acked, w.acked + 1], `draft ${w.registrationId}`).toContain(current);
    const manifest = await request.get(`/api/registrations/${w.registrationId}/manifest`);
    expect(((await manifest.json()) as { client_name: string }).client_name).toBe(w.names.get(current));
  }
}
