// Partner accounts and drafts for load tests, made the way a partner makes them: the real
// sign-up flow (e-mail, confirmation link, password) and the "Create draft" action, all over
// HTTP. Nothing is written to the database directly. The confirmation link is read from the
// portal's log, where the embedded default delivers mail (lib/mail: "mail.outbox"); the portal
// needs SIGN_UP_LIMIT_PER_IP above the number of accounts, since they all come from loopback.
import { readFileSync } from "node:fs";
import path from "node:path";
import { BenchError, sleep } from "./processes.mjs";

/** The build's server action ids by "file#name" (.next/server/server-reference-manifest.json). */
export function actionIds(dir) {
  const manifest = JSON.parse(readFileSync(path.join(dir, ".next/server/server-reference-manifest.json"), "utf8"));
  const ids = {};
  for (const [id, entry] of Object.entries(manifest.node ?? {})) ids[`${entry.filename}#${entry.exportedName}`] = id;
  return ids;
}

function need(ids, key) {
  if (!ids[key]) throw new BenchError(`The build has no server action ${key}: did it move?`);
  return ids[key];
}

/** A cookie jar of name=value pairs, fed from Set-Cookie headers. */
function jar() {
  const cookies = new Map();
  return {
    take(response) {
      for (const line of response.headers.getSetCookie()) {
        const [pair] = line.split(";");
        const at = pair.indexOf("=");
        cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
      }
    },
    header: () => [...cookies].map(([k, v]) => `${k}=${v}`).join("; "),
    get: (name) => cookies.get(name),
  };
}

/** Calls a server action as the browser does (prev state null, the input object); returns the redirect or the result text. */
async function callAction(baseUrl, cookies, pagePath, id, input) {
  const response = await fetch(baseUrl + pagePath, {
    method: "POST",
    redirect: "manual",
    headers: {
      "Next-Action": id,
      Origin: new URL(baseUrl).origin,
      "Content-Type": "text/plain;charset=UTF-8",
      Accept: "text/x-component",
      Cookie: cookies.header(),
    },
    body: JSON.stringify([null, input]),
    signal: AbortSignal.timeout(60_000),
  });
  cookies.take(response);
  const redirect = response.headers.get("x-action-redirect");
  const text = await response.text();
  return { status: response.status, redirect: redirect ? redirect.replace(/;(push|replace)$/, "") : null, text };
}

async function confirmationToken(logFile, email, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const line of readFileSync(logFile, "utf8").split("\n").reverse()) {
      if (!line.includes('"mail.outbox"') || !line.includes(`"to":"${email}"`)) continue;
      const match = JSON.parse(line).text?.match(/\/verify-email\?token=([^\s]+)/);
      if (match) return decodeURIComponent(match[1]);
    }
    await sleep(100);
  }
  throw new BenchError(`No confirmation mail for ${email} in ${logFile}.`);
}

/**
 * Signs up one partner (its own organization) and creates `drafts` staging drafts. Resolves
 * with the session cookie header and the draft ids.
 */
export async function signUpPartner(portal, ids, { email, name, organization, password, drafts }) {
  const cookies = jar();
  const base = portal.url;
  const started = await callAction(base, cookies, "/sign-up", need(ids, "lib/auth/sign-up-actions.ts#signUpAction"), { email });
  if (started.redirect !== "/check-email") throw new BenchError(`Sign-up of ${email} answered ${started.status}: ${started.text.slice(0, 300)}`);
  const token = await confirmationToken(portal.logFile, email);
  const verifyPath = `/verify-email?token=${encodeURIComponent(token)}`;
  const done = await callAction(base, cookies, verifyPath, need(ids, "lib/auth/sign-up-actions.ts#completeSignUpAction"), {
    token,
    name,
    organizationName: organization,
    password,
  });
  if (!done.redirect || !cookies.get("authjs.session-token"))
    throw new BenchError(`Completing the sign-up of ${email} answered ${done.status}: ${done.text.slice(0, 300)}`);
  const draftIds = [];
  for (let i = 0; i < drafts; i++) {
    const created = await callAction(base, cookies, "/registrations/new", need(ids, "lib/actions/registrations.ts#createRegistrationAction"), {
      environment: "staging",
    });
    const id = created.redirect?.match(/^\/registrations\/([0-9a-f-]{36})\/edit/)?.[1];
    if (!id) throw new BenchError(`Creating a draft for ${email} answered ${created.status}: ${created.text.slice(0, 300)}`);
    draftIds.push(id);
  }
  return { email, cookie: cookies.header(), draftIds };
}
