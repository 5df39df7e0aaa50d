import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ActionResult } from "@/lib/actions/safe-action";

// Every form renders an action's refusal the same way: the form-level message and `_form`
// errors in one role="alert" (FormError), each field error in the field's error region, which
// the control names in aria-describedby and marks with aria-invalid (FieldError). Checked here
// on an admin form and a credential form, rendered with a given answer of their action.

const state = vi.hoisted(() => ({ answer: null as ActionResult | null }));

vi.mock("react", async (importOriginal) => ({
  ...(await importOriginal<typeof import("react")>()),
  useActionState: () => [state.answer, () => undefined, false],
}));
vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh: () => undefined }) }));
vi.mock("@/lib/actions/review", () => ({ claimAction: vi.fn(), commentAction: vi.fn(), decisionAction: vi.fn() }));
vi.mock("@/lib/actions/credentials", () => ({
  revealSecretAction: vi.fn(),
  rotateSecretAction: vi.fn(),
  revokeAsOwnerAction: vi.fn(),
  revokeAsAdminAction: vi.fn(),
  linkClientAction: vi.fn(),
}));

const { CommentForm } = await import("@/components/review/review-actions");
const { LinkClientForm } = await import("@/components/review/link-client-form");
const { RotateSecret } = await import("@/components/credentials/credential-controls");

const REGISTRATION = "11111111-1111-4111-8111-111111111111";

function render(element: Parameters<typeof renderToStaticMarkup>[0]) {
  return renderToStaticMarkup(element);
}

/** The element's opening tag, found by an attribute it carries. */
function tagWith(html: string, attribute: string): string {
  const at = html.indexOf(attribute);
  expect(at, `no element with ${attribute}`).toBeGreaterThan(-1);
  return html.slice(html.lastIndexOf("<", at), html.indexOf(">", at) + 1);
}

/** The inner HTML of the element with this id (no nested element of the same tag inside). */
function byId(html: string, id: string): string {
  const open = tagWith(html, `id="${id}"`);
  const tag = /^<(\w+)/.exec(open)![1]!;
  const start = html.indexOf(open) + open.length;
  return html.slice(start, html.indexOf(`</${tag}>`, start));
}

function alertOf(html: string): string {
  const open = tagWith(html, 'role="alert"');
  expect(open).toContain('tabindex="-1"'); // focusable: FormError takes the focus when nothing else is invalid
  const start = html.indexOf(open);
  return html.slice(start, html.indexOf("</div></div>", start));
}

/** The control's aria-describedby names the error region, which holds the message. */
function expectFieldError(html: string, controlTag: string, message: string) {
  const control = html.match(new RegExp(`<${controlTag}[^>]*aria-invalid="true"[^>]*>`))?.[0];
  expect(control, `an invalid <${controlTag}>`).toBeDefined();
  const describedBy = /aria-describedby="([^"]+)"/.exec(control!)?.[1];
  const errorId = describedBy?.split(" ").find((id) => id.endsWith("-error"));
  expect(errorId, "aria-describedby names the error region").toBeDefined();
  expect(tagWith(html, `id="${errorId}"`)).toContain('aria-live="polite"');
  expect(byId(html, errorId!)).toContain(message);
}

beforeEach(() => {
  state.answer = null;
});

describe("the form contract", () => {
  it("an admin form (comment) shows `_form` in the alert and a server field error at its field", () => {
    state.answer = {
      ok: false,
      error: "Some fields need your attention.",
      fieldErrors: { _form: ["This revision was decided in the meantime."], body: ["Keep it under 2,000 characters."] },
    };
    const html = render(createElement(CommentForm, { registrationId: REGISTRATION, revision: 1 }));
    const alert = alertOf(html);
    expect(alert).toContain("Some fields need your attention.");
    expect(alert).toContain("This revision was decided in the meantime.");
    expect(alert).not.toContain("Keep it under 2,000 characters.");
    expect(alert).not.toContain("_form");
    expectFieldError(html, "textarea", "Keep it under 2,000 characters.");
  });

  it("the link-client form puts each message at its own field, no longer joined in one alert", () => {
    state.answer = {
      ok: false,
      error: "Some fields need your attention.",
      fieldErrors: { clientId: ["Enter the client ID."], issuer: ["Enter the issuer's URL."] },
    };
    const html = render(createElement(LinkClientForm, { registrationId: REGISTRATION, defaultIssuer: "https://issuer.example" }));
    expect(alertOf(html)).not.toContain("Enter the client ID.");
    expect(html.match(/<input[^>]*aria-invalid="true"/g)).toHaveLength(2);
    expect(html).toContain("Enter the client ID.");
    expect(html).toContain("Enter the issuer&#x27;s URL.");
  });

  it("a credential form (rotation) shows `_form` in the alert and a server field error at the select", () => {
    state.answer = {
      ok: false,
      error: "Some fields need your attention.",
      fieldErrors: { _form: ["Rotations are paused for this client."], grace: ["Choose a grace period from the list."] },
    };
    const html = render(createElement(RotateSecret, { registrationId: REGISTRATION, graces: [{ value: 3600, label: "1 hour" }] }));
    const alert = alertOf(html);
    expect(alert).toContain("Rotations are paused for this client.");
    expect(alert).not.toContain("Choose a grace period");
    expectFieldError(html, "select", "Choose a grace period from the list.");
  });

  it("field errors of fields a form does not show are listed in its alert, never dropped", () => {
    state.answer = { ok: false, error: "The request was refused.", fieldErrors: { registrationId: ["Unknown registration."] } };
    const html = render(createElement(RotateSecret, { registrationId: "nope", graces: [{ value: 3600, label: "1 hour" }] }));
    expect(alertOf(html)).toContain("Unknown registration.");
  });

  it("nothing is rendered as an error before an answer", () => {
    const html = render(createElement(CommentForm, { registrationId: REGISTRATION, revision: 1 }));
    expect(html).not.toContain('role="alert"');
    expect(html).not.toContain('aria-invalid="');
  });
});
