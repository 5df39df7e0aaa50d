import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ConsentPreview } from "@/components/registration/consent-preview";
import type { Environment } from "@/lib/registration/fields";
import { linkableUrl } from "@/lib/registration/urls";

// The consent preview renders stored drafts, which keep whatever was typed or sent through the
// draft API. The wizard, the partner's registration page, the admin review and the sandbox
// consent page all render this component.

const LOGO = "33333333-3333-4333-8333-333333333333";
const base = {
  clientName: "Acme Books",
  logoId: LOGO as string | null,
  logoUploaded: true,
  tosUri: "https://acme.example/terms",
  policyUri: "https://acme.example/privacy",
  environment: "staging" as Environment,
  scopes: ["users:read"],
  brand: "Pleo",
};
const render = (props: Partial<typeof base> & { preview?: boolean }) => {
  const { logoUploaded, environment, brand, preview, ...shown } = { ...base, ...props };
  return renderToStaticMarkup(createElement(ConsentPreview, { shown, logoUploaded, environment, brand, preview }));
};

describe("ConsentPreview", () => {
  it("links valid legal addresses and shows an uploaded logo", () => {
    const html = render({});
    expect(html).toContain('href="https://acme.example/terms"');
    expect(html).toContain('href="https://acme.example/privacy"');
    expect(html).toContain(`src="/api/logos/${LOGO}"`);
    expect(html).not.toContain("not linked");
  });

  it.each([
    ["javascript:alert(document.domain)", "tosUri"],
    ["data:text/html,<script>alert(1)</script>", "tosUri"],
    ["JaVaScRiPt:alert(1)", "policyUri"],
    ["//evil.example/terms", "policyUri"],
    ["http://evil.example/terms", "tosUri"],
  ] as const)("shows %j as plain text, never as a link", (value, field) => {
    const html = render({ [field]: value });
    const hrefs = [...html.matchAll(/<a [^>]*href="([^"]*)"/g)].map((m) => m[1]);
    expect(hrefs).toEqual([field === "tosUri" ? base.policyUri : base.tosUri]);
    expect(html).toContain("(not linked: “");
    expect(html).not.toMatch(/href="(javascript|data):/i);
  });

  it("does not link http://localhost in Production, where the rules refuse it", () => {
    expect(render({ tosUri: "http://localhost:3000/terms" })).toContain('href="http://localhost:3000/terms"');
    expect(render({ tosUri: "http://localhost:3000/terms", environment: "production" })).not.toContain('href="http://localhost:3000/terms"');
  });

  it.each([
    ["a path, even if the caller vouched for it", "../registrations/22222222-2222-4222-8222-222222222222/manifest", true],
    ["a UUID the server did not confirm as the organization's upload", LOGO, false],
  ])("never turns %s into an image", (_, logoId, logoUploaded) => {
    const html = render({ logoId, logoUploaded });
    expect(html).not.toContain("<img");
    expect(html).toContain("The logo is not shown");
  });

  it("leaves out the note on the real consent screen and when there is no logo", () => {
    expect(render({ logoId: "../x", logoUploaded: false, preview: false })).not.toContain("The logo is not shown");
    expect(render({ logoId: null, logoUploaded: false })).not.toContain("The logo is not shown");
  });
});

describe("linkableUrl", () => {
  it("returns the trimmed address only when it passes the field's rules", () => {
    expect(linkableUrl("  https://acme.example/terms ", "production")).toBe("https://acme.example/terms");
    expect(linkableUrl("javascript:alert(1)", "staging")).toBeUndefined();
    expect(linkableUrl("https://user:pw@acme.example/", "staging")).toBeUndefined();
    expect(linkableUrl("", "staging")).toBeUndefined();
  });
});
