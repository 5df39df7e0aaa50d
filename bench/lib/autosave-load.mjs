// The autosave load: closed-loop clients (closed-loop.mjs), each one partner's wizard saving its own draft
// again and again with the version its last save returned (PUT /api/registrations/:id/draft),
// so a client never conflicts with itself and any 409 is an error. Then every draft is read
// back through the API to check that its last acknowledged save is there.
import { closedLoop } from "./closed-loop.mjs";

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

/** The bare handler with the same body and the same settings: PUT /api/bare. */
export function loadBare(routeUrl, { connections, warmup, duration }) {
  const { origin, pathname } = new URL(routeUrl);
  const body = JSON.stringify({ version: 1, data: draftData("Bare baseline") });
  return closedLoop({
    url: origin,
    clients: connections,
    warmup,
    duration,
    request: () => ({ method: "PUT", path: pathname, headers: { "content-type": "application/json" }, body }),
  });
}

/**
 * One slot per draft: { id, cookie, tag, version, seq, acked, inflight, failures }; client i
 * saves slot i's draft with the version its last save returned.
 */
export async function loadPortal(baseUrl, slots, { connections, warmup, duration }) {
  if (slots.length < connections) throw new Error(`${connections} clients need ${connections} drafts; ${slots.length} exist.`);
  const anomalies = [];
  const request = (i) => {
    const slot = slots[i];
    slot.seq++;
    slot.inflight = { version: slot.version, value: `${slot.tag} #${slot.seq}` };
    return {
      method: "PUT",
      path: `/api/registrations/${slot.id}/draft`,
      headers: { "content-type": "application/json", cookie: slot.cookie },
      body: JSON.stringify({ version: slot.version, data: draftData(slot.inflight.value) }),
    };
  };
  const onAnswer = (i, answer, measured) => {
    const slot = slots[i];
    if (answer.status !== 200) {
      // A save that timed out may still land: the next one then meets a newer version (409).
      if (measured && slot.failures.length < 5) slot.failures.push(answer.failed ?? `${answer.status} ${answer.body.slice(0, 200)}`);
      return;
    }
    const saved = JSON.parse(answer.body);
    if (saved.version !== slot.inflight.version + 1) anomalies.push({ draft: slot.id, sent: slot.inflight.version, got: saved.version });
    slot.version = saved.version;
    slot.acked = { version: saved.version, value: slot.inflight.value };
    slot.inflight = null;
  };
  const result = await closedLoop({ url: baseUrl, clients: connections, warmup, duration, request, onAnswer });
  return { ...result, anomalies };
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
      // saves supersedes the acknowledged one: a save whose answer timed out (the load gives
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
