import { randomUUID } from "node:crypto";
import { expect, type APIRequestContext, type Browser, type BrowserContext, type PlaywrightWorkerArgs } from "@playwright/test";
import { ADMIN_STATE, OTHER, PARTNER, PARTNER_STATE, anonymousContext, linkFromOutbox, signIn, uniqueEmail } from "./accounts";
import { readActionManifest } from "./matrix-discovery";
import { callAction, type ActionAnswer, type Clients } from "./matrix-http";
import { approveViaApi, importDraft, submitRegistration, uploadLogo } from "./registrations";

// The matrix's five personas and organization A's fixtures. The owner of A (the seeded
// partner) and the admin come from the setup project's saved sessions, so a change to how
// admins sign in (a second factor) stays in e2e/auth.setup.ts. The member of A is invited
// through the Team page and joins through the outbox link, like a real colleague; the member
// of B is the seeded owner of Other Fintech AS, signed in through the form.

/** Real ids of organization A's objects, each in the state the entries need. */
export type Fixtures = {
  orgA: string;
  /** A draft that was never submitted (wizard, autosave, logo upload, delete). */
  draftA: string;
  /** Submitted and waiting in the queue (withdraw, review, claim, decision, revision 1). */
  submittedA: string;
  /** Approved, with a client at the embedded server and this portal's Test connection callback. */
  approvedA: string;
  /** A Test connection run of approvedA. */
  runA: string;
  /** approvedA's client ID at the embedded server. */
  clientA: string;
  /** The sandbox sign-in (interaction) that runA's authorization request opened, in a browser no persona uses. */
  interactionA: string;
  logoA: string;
  /** The member of A's user id (remove, make owner). */
  memberAUserId: string;
  /** A pending invitation of A (revoke). */
  invitationA: string;
};

/** The same shape with ids that exist nowhere: what "nothing confirms it exists" is compared with. */
export function unknownFixtures(fx: Fixtures): Fixtures {
  return Object.fromEntries(Object.keys(fx).map((k) => [k, k === "clientA" ? `unknown-${randomUUID()}` : randomUUID()])) as Fixtures;
}

const MEMBER_NAME = "Matrix Member";

async function inviteAndJoin(
  browser: Browser,
  partner: BrowserContext,
  orgA: string,
): Promise<{ state: Awaited<ReturnType<BrowserContext["storageState"]>>; pendingEmail: string }> {
  const email = uniqueEmail("matrix-member");
  const pendingEmail = uniqueEmail("matrix-pending");
  const page = await partner.newPage();
  await page.goto(`/orgs/${orgA}/members`);
  for (const address of [email, pendingEmail]) {
    await page.getByLabel("Colleague's e-mail").fill(address);
    await page.getByRole("button", { name: "Send invitation" }).click();
    await expect(page.getByText(`Invitation sent to ${address}`).first()).toBeVisible();
  }
  await page.close();

  const link = await linkFromOutbox(browser, email, /invited you to join the organization “Example Client Ltd”/);
  const context = await anonymousContext(browser);
  const colleague = await context.newPage();
  await colleague.goto(link);
  await colleague.getByLabel("Your name").fill(MEMBER_NAME);
  await colleague.getByLabel("Choose a password").fill(`matrix-${randomUUID()}`);
  await colleague.getByRole("button", { name: "Join the organization" }).click();
  await expect(colleague).toHaveURL(/\/registrations\?welcome=1/);
  const state = await context.storageState();
  await context.close();
  return { state, pendingEmail };
}

async function signInOther(browser: Browser, thenSignOut = false) {
  const context = await anonymousContext(browser);
  const page = await context.newPage();
  await signIn(page, OTHER.email, OTHER.password);
  await expect(page).toHaveURL(/\/registrations$/);
  const state = await context.storageState();
  if (thenSignOut) {
    // Sign-out ends this session on the server; the copy taken above now names an ended one.
    await page.getByRole("banner").locator("summary").click();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in\?signedOut=1/);
  }
  await context.close();
  return state;
}

/** Organization A's registrations: a draft with a logo, a submitted one, an approved one with a run. */
async function registrationsOfA(partner: BrowserContext, admin: BrowserContext, baseURL: string) {
  const page = await partner.newPage();
  const tag = Date.now().toString(36);
  const draftA = await importDraft(page, `Matrix Draft ${tag}`);
  const logoA = await uploadLogo(page, draftA);
  const submittedA = await submitRegistration(page, `Matrix Submitted ${tag}`);
  const approvedA = await submitRegistration(page, `Matrix Approved ${tag}`, {
    redirect_uris: ["https://reviewed.example/callback", `${baseURL}/api/test-connection/callback`],
  });
  const adminPage = await admin.newPage();
  await approveViaApi(adminPage, approvedA);
  await adminPage.close();

  const start = await page.request.post("/api/test-connection/start", { data: { registration_id: approvedA } });
  expect(start.status(), await start.text()).toBe(200);
  const { run_id: runA, authorization_url: authorizationUrl } = (await start.json()) as { run_id: string; authorization_url: string };
  const clientA = new URL(authorizationUrl).searchParams.get("client_id")!;
  // The authorization server sends the browser to its sign-in page, bound to this browser's cookie.
  const authorize = await page.request.get(authorizationUrl, { maxRedirects: 0 });
  const interactionA = (authorize.headers()["location"] ?? "").match(/\/sandbox\/interaction\/([\w-]+)$/)?.[1];
  if (!interactionA) throw new Error(`The authorization request did not lead to the sandbox sign-in: ${authorize.status()} ${authorize.headers()["location"]}`);
  await page.close();
  return {
    fx: { draftA, logoA, submittedA, approvedA, runA, clientA, interactionA },
    names: [`Matrix Draft ${tag}`, `Matrix Submitted ${tag}`, `Matrix Approved ${tag}`],
  };
}

/** The flight data of a page as its owner sees it (client components' props are in it). */
async function flightOf(client: APIRequestContext, path: string): Promise<string> {
  const response = await client.get(path, { headers: { RSC: "1" } });
  expect(response.status(), path).toBe(200);
  return response.text();
}

function uuidAfter(text: string, pattern: string, what: string): string {
  const m = text.match(new RegExp(pattern));
  if (!m) throw new Error(`Could not find ${what} in the Team page's data`);
  return m[1]!;
}

export type Personas = {
  clients: Clients;
  /**
   * An anonymous visitor with the copy of a session cookie taken before that session signed
   * out. proxy.ts redirects cookie-less visitors away from partner pages before any server
   * action posted there runs; this one gets past it, so the action's own check answers.
   */
  signedOut: APIRequestContext;
  fx: Fixtures;
  /** Names only organization A's people and staff may see: nobody else's answer may contain them. */
  dataOfA: string[];
};

export async function preparePersonas(browser: Browser, playwright: PlaywrightWorkerArgs["playwright"], baseURL: string): Promise<Personas> {
  const newClient = (storageState: string | Awaited<ReturnType<BrowserContext["storageState"]>>) => playwright.request.newContext({ baseURL, storageState });
  const partner = await browser.newContext({ storageState: PARTNER_STATE });
  const admin = await browser.newContext({ storageState: ADMIN_STATE });
  try {
    const home = await partner.newPage();
    await home.goto("/registrations");
    const teamHref = await home.getByRole("link", { name: "Team" }).getAttribute("href");
    await home.close();
    const orgA = teamHref!.match(/^\/orgs\/([0-9a-f-]{36})\/members$/)![1]!;

    // Independent of each other, so they run side by side.
    const [member, otherState, signedOutState, registrations] = await Promise.all([
      inviteAndJoin(browser, partner, orgA),
      signInOther(browser),
      signInOther(browser, true),
      registrationsOfA(partner, admin, baseURL),
    ]);

    const clients: Clients = {
      anonymous: await newClient({ cookies: [], origins: [] }),
      memberA: await newClient(member.state),
      ownerA: await newClient(PARTNER_STATE),
      memberB: await newClient(otherState),
      admin: await newClient(ADMIN_STATE),
    };
    const team = await flightOf(clients.ownerA, `/orgs/${orgA}/members`);
    const uuid = "([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})";
    const fx: Fixtures = {
      orgA,
      ...registrations.fx,
      memberAUserId: uuidAfter(team, `"userId":"${uuid}","name":"${MEMBER_NAME}"`, "the member of A's user id"),
      invitationA: uuidAfter(team, `"invitationId":"${uuid}","email":"${member.pendingEmail.replace(/[.+]/g, "\\$&")}"`, "the pending invitation's id"),
    };
    return { clients, signedOut: await newClient(signedOutState), fx, dataOfA: [PARTNER.org, ...registrations.names] };
  } finally {
    await partner.close();
    await admin.close();
  }
}

/**
 * Takes the matrix's member and pending invitation out of A again, with the owner's own
 * actions: other specs look at A's Team page and expect only their own colleagues there.
 * Returns what each action answered.
 */
export async function removeMatrixMember({ clients, fx }: Personas, baseURL: string): Promise<Record<string, ActionAnswer>> {
  const manifest = readActionManifest();
  const call = (name: string, payload: Record<string, unknown>) => {
    const id = manifest.find((m) => m.key === `lib/auth/account-actions.ts#${name}`)?.id;
    if (!id) throw new Error(`${name} is not in the build's server-reference manifest`);
    return callAction(clients.ownerA, baseURL, `/orgs/${fx.orgA}/members`, id, [null, payload]);
  };
  return {
    removeMemberAction: await call("removeMemberAction", { userId: fx.memberAUserId }),
    revokeInvitationAction: await call("revokeInvitationAction", { invitationId: fx.invitationA }),
  };
}
