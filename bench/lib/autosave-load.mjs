// The autosave load: autocannon connections, each one partner's wizard saving its own draft
// again and again with the version its last save returned (PUT /api/registrations/:id/draft),
// so a client never conflicts with itself and any 409 is an error. Then every draft is read
// back through the API to check that its last acknowledged save is there.
import autocannon from "autocannon";

/** A wizard draft of realistic size (about 0.6 kB of JSON); `clientName` carries the save's tag. */
export function draftData(clientName) {
  return {
    clientName,
    clientUri: "https://ledger-sync.example/",
    logoId: null,
    tosUri: "https://ledger-sync.example/terms",
    policyUri: "https://ledger-sync.example/privacy",
    contacts: ["dev@ledger-sync.example", "integrations@ledger-sync.example"],
    initiateLoginUri: "",
    settingsUri: "https://ledger-sync.example/settings/connections",
    redirectUris: ["https://app.ledger-sync.example/oauth/callback", "https://staging.ledger-sync.example/oauth/callback"],
    scopes: ["openid", "users:read", "expenses:read"],
    clientType: "confidential",
    pkceSupport: "supported",
    pkceExceptionReason: "",
    subjectTypePreference: "none",
  };
}

function summary(result, seconds) {
  return {
    rps: result.requests.average,
    ok: result["2xx"],
    total: result.requests.total,
    seconds,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes: result.statusCodeStats,
  };
}

const run = (options) =>
  new Promise((resolve, reject) => {
    const instance = autocannon({ timeout: 10, pipelining: 1, ...options }, (error, result) => (error ? reject(error) : resolve(result)));
    // autocannon reports failures in its result; an 'error' without a listener would throw.
    instance.on("error", () => {});
  });

/** The bare handler with the same body and the same settings: PUT /api/bare. */
export async function loadBare(routeUrl, { connections, duration }) {
  const body = JSON.stringify({ version: 1, data: draftData("Bare baseline") });
  const result = await run({ url: routeUrl, connections, duration, method: "PUT", headers: { "content-type": "application/json" }, body });
  return summary(result, duration);
}

/**
 * One slot per draft: { id, cookie, tag, version, seq, acked, inflight, failures }. Each
 * autocannon connection takes the next slot in the order autocannon builds its clients.
 */
export async function loadPortal(baseUrl, slots, { connections, duration }) {
  if (slots.length < connections) throw new Error(`${connections} clients need ${connections} drafts; ${slots.length} exist.`);
  let built = 0;
  let sendingFor = null; // the client whose next request setupRequest builds now
  let lastBody = null; // the body onResponse saw, for the client whose 'response' follows at once
  const slotOf = new Map();
  const anomalies = [];
  const requests = [
    {
      method: "PUT",
      setupRequest(request) {
        // Inside autocannon's Client constructor (no client yet) for its first request, and
        // right after that client's 'request' event for every later one.
        const slot = sendingFor ? slotOf.get(sendingFor) : slots[built++];
        sendingFor = null;
        slot.seq++;
        slot.inflight = { version: slot.version, value: `${slot.tag} #${slot.seq}` };
        return {
          ...request,
          path: `/api/registrations/${slot.id}/draft`,
          headers: { "content-type": "application/json", cookie: slot.cookie },
          body: JSON.stringify({ version: slot.version, data: draftData(slot.inflight.value) }),
        };
      },
      onResponse(_status, body) {
        lastBody = body;
      },
    },
  ];
  const setupClient = (client) => {
    const slot = slots[built - 1];
    slotOf.set(client, slot);
    client.on("request", () => {
      if (client.reqsMade > 0) sendingFor = client;
    });
    client.on("response", (status) => {
      const body = lastBody;
      lastBody = null;
      if (status !== 200) {
        if (slot.failures.length < 5) slot.failures.push(`${status} ${String(body).slice(0, 200)}`);
        return;
      }
      const saved = JSON.parse(body);
      if (saved.version !== slot.inflight.version + 1) anomalies.push({ draft: slot.id, sent: slot.inflight.version, got: saved.version });
      slot.version = saved.version;
      slot.acked = { version: saved.version, value: slot.inflight.value };
      slot.inflight = null;
    });
  };
  const result = await run({ url: baseUrl, connections, duration, requests, setupClient });
  return { ...summary(result, duration), anomalies };
}

/**
 * Reads every used draft back through the API: its client name from the manifest download, its
 * version from the 409 that a save with a stale version (1) gets, which writes nothing. A save
 * still in flight when the run stopped may have landed after the last acknowledged one. A draft
 * that cannot be read (after retries) is reported as unreadable, not as lost.
 */
export async function checkDrafts(baseUrl, slots) {
  const lost = [];
  const unreadable = [];
  let checked = 0;
  for (const slot of slots.filter((s) => s.seq > 0)) {
    const stored = await readDraft(baseUrl, slot);
    if (!stored) {
      unreadable.push(slot.id);
      continue;
    }
    const { acked, inflight } = slot;
    if (acked) {
      checked++;
      // Only this client writes this draft, so a newer version holding one of its own later
      // saves supersedes the acknowledged one: a save whose answer timed out (autocannon gives
      // up after 10 s and sends the next) can still land after it. Anything else is lost.
      const ok =
        (stored.version === acked.version && stored.value === acked.value) ||
        (inflight && stored.version === acked.version + 1 && stored.value === inflight.value) ||
        (stored.version > acked.version && laterSave(slot, acked.value, stored.value));
      if (!ok) lost.push({ draft: slot.id, acked, inflight, stored });
    }
    // What the database holds is what the next save builds on (a save in flight at the stop
    // of a warm-up may have landed after its client stopped listening).
    slot.version = stored.version;
    slot.acked = stored;
    slot.inflight = null;
  }
  return { checked, lost, unreadable };
}

/** Whether `value` is a save this slot sent after the one that sent `than` ("<tag> #<seq>"). */
function laterSave(slot, than, value) {
  const seq = (text) => (text?.startsWith(`${slot.tag} #`) ? Number(text.slice(slot.tag.length + 2)) : NaN);
  return seq(value) > seq(than) && seq(value) <= slot.seq;
}

/** The stored version and client name, retried while the server still works off the load. */
async function readDraft(baseUrl, slot) {
  const headers = { cookie: slot.cookie };
  for (let attempt = 0; attempt < 10; attempt++) {
    if (attempt) await new Promise((resolve) => setTimeout(resolve, 1000));
    try {
      const manifest = await fetch(`${baseUrl}/api/registrations/${slot.id}/manifest`, { headers, signal: AbortSignal.timeout(15_000) });
      const probe = await fetch(`${baseUrl}/api/registrations/${slot.id}/draft`, {
        method: "PUT",
        headers: { ...headers, "content-type": "application/json" },
        body: JSON.stringify({ version: 1, data: draftData("stale probe") }),
        signal: AbortSignal.timeout(15_000),
      });
      const name = manifest.status === 200 ? (await manifest.json()).client_name : undefined;
      const conflict = probe.status === 409 ? await probe.json() : undefined;
      if (typeof name === "string" && Number.isInteger(conflict?.current_version)) return { version: conflict.current_version, value: name };
      slot.readFailures = [...(slot.readFailures ?? []), `manifest ${manifest.status}, probe ${probe.status}`].slice(-3);
    } catch (error) {
      slot.readFailures = [...(slot.readFailures ?? []), error.message].slice(-3);
    }
  }
  return null;
}
