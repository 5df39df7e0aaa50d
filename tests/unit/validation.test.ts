import { describe, expect, it } from "vitest";
import { completeSignUpSchema, safeCallbackUrl, signInSchema, signUpSchema } from "@/lib/validation/account";

const SIGN_UP = { token: "t0k3n", name: "Pat Partner", organizationName: "Example Client Ltd", password: "0123456789" };
const complete = completeSignUpSchema("Pleo");

/** The messages zod reports for each field. */
function errors(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  expect(result.success).toBe(false);
  const out: Record<string, string[]> = {};
  for (const issue of result.error!.issues) (out[String(issue.path[0])] ??= []).push(issue.message);
  return out;
}

describe("signUpSchema (step one: the address only)", () => {
  it("trims and lowercases the e-mail address", () => {
    expect(signUpSchema.parse({ email: "  Pat.Partner@Example.COM " })).toEqual({ email: "pat.partner@example.com" });
  });

  it("refuses missing, malformed and overlong addresses", () => {
    expect(errors(signUpSchema.safeParse({ email: "" })).email).toEqual(["Enter your e-mail address."]);
    expect(errors(signUpSchema.safeParse({ email: "not-an-address" })).email).toEqual(["Enter an e-mail address like name@company.com."]);
    expect(errors(signUpSchema.safeParse({ email: `${"a".repeat(250)}@x.io` })).email).toEqual(["E-mail addresses are at most 254 characters."]);
  });
});

describe("completeSignUpSchema (step two: what the address's owner chooses)", () => {
  it("trims names", () => {
    const parsed = complete.parse({ ...SIGN_UP, name: "  Pat Partner ", organizationName: " Example Client Ltd  " });
    expect(parsed).toEqual(SIGN_UP);
  });

  it("needs a password of 10 to 200 characters", () => {
    expect(errors(complete.safeParse({ ...SIGN_UP, password: "123456789" })).password).toEqual(["Use at least 10 characters."]);
    expect(errors(complete.safeParse({ ...SIGN_UP, password: "x".repeat(201) })).password).toEqual(["Use at most 200 characters."]);
    expect(complete.safeParse({ ...SIGN_UP, password: "x".repeat(10) }).success).toBe(true);
    expect(complete.safeParse({ ...SIGN_UP, password: "x".repeat(200) }).success).toBe(true);
  });

  it("explains each missing or bad field", () => {
    const e = errors(complete.safeParse({ token: "t", name: " ", organizationName: "A", password: "" }));
    expect(e.name).toEqual(["Enter your name."]);
    expect(e.organizationName).toEqual(["Enter your company's name (at least 2 characters)."]);
    expect(e.password).toEqual(["Use at least 10 characters."]);
  });

  it("refuses overlong fields and control characters in names", () => {
    expect(errors(complete.safeParse({ ...SIGN_UP, name: "x".repeat(101) })).name).toEqual(["Use at most 100 characters."]);
    expect(errors(complete.safeParse({ ...SIGN_UP, name: "Pat\u0000Partner" })).name).toEqual(["Remove control characters."]);
  });

  it("lets staff leave out the organization", () => {
    expect(complete.safeParse({ token: "t", name: "Sam", password: "0123456789" }).success).toBe(true);
  });

  // Pen-test finding: organization names land in e-mails; one posing as the platform with a
  // link turned an invitation into a phishing mail.
  it.each([
    "Pleo Support - urgent: re-verify at https://evil.example",
    "Acme http://evil.example",
    "Visit www.evil.example",
    "evil.example",
    "Support at help@evil.example",
    "Ｐｌｅｏ Payments",
    "P-l-e-o Team",
  ])("refuses %j as an organization name", (organizationName) => {
    expect(errors(complete.safeParse({ ...SIGN_UP, organizationName })).organizationName?.length).toBeGreaterThan(0);
  });

  it.each(["Example Client Ltd", "J.P. Consulting", "Acme Ltd.", "Pleonasm Studio", "Café Ørsted & Co"])("accepts %j", (organizationName) => {
    expect(complete.safeParse({ ...SIGN_UP, organizationName }).success).toBe(true);
  });

  it("refuses web addresses in people's names too (they appear in invitations)", () => {
    expect(errors(complete.safeParse({ ...SIGN_UP, name: "Pat https://evil.example" })).name).toEqual([
      "Leave out web and e-mail addresses: this name appears in e-mails to other people.",
    ]);
  });
});

describe("signInSchema", () => {
  it("normalises the e-mail address and keeps the password as typed", () => {
    expect(signInSchema.parse({ email: " Ada@Example.com", password: " pw " })).toEqual({
      email: "ada@example.com",
      password: " pw ",
    });
  });

  it("asks for a password of at most 200 characters", () => {
    expect(errors(signInSchema.safeParse({ email: "ada@example.com", password: "" })).password).toEqual(["Enter your password."]);
    expect(errors(signInSchema.safeParse({ email: "ada@example.com", password: "x".repeat(201) })).password).toEqual(["That password is too long."]);
  });

  it("passes an optional callbackUrl through", () => {
    expect(signInSchema.parse({ email: "a@b.co", password: "p", callbackUrl: "/x" }).callbackUrl).toBe("/x");
  });
});

describe("safeCallbackUrl", () => {
  it("accepts same-site paths", () => {
    expect(safeCallbackUrl("/registrations?x=1")).toBe("/registrations?x=1");
    expect(safeCallbackUrl("/")).toBe("/");
    expect(safeCallbackUrl("/orgs/abc#members")).toBe("/orgs/abc#members");
  });

  it.each(["https://evil.example/", "http:/evil.example", "javascript:alert(1)", "//evil.example/path", "/\\evil.example", "evil.example", ""])(
    "refuses %j and returns the fallback",
    (value) => {
      expect(safeCallbackUrl(value)).toBe("/");
      expect(safeCallbackUrl(value, "/registrations")).toBe("/registrations");
    },
  );

  // Pen-test finding: these resolve to a protocol-relative "//evil.example" once a URL parser
  // removes the dot segments or decodes them, so a redirect to the result left the portal.
  it.each([
    "/.//evil.example",
    "/./\\evil.example",
    "/%2e%2e//evil.example",
    "/%2E//evil.example",
    "/a/..//evil.example",
    "/../../evil.example/..//evil.example",
    "/.\t//evil.example",
    "/%2f%2fevil.example",
    "/%5c%5cevil.example",
    "/\t\n//evil.example",
    " //evil.example",
    "https://evil.example",
    "HTTPS://portal.example.test/x",
    "javascript:alert(1)",
    "/javascript:alert(1)",
    "\\evil.example",
  ])("keeps %j a same-origin path that no browser reads as another host", (value) => {
    const result = safeCallbackUrl(value);
    expect(result.startsWith("/")).toBe(true);
    expect(result.startsWith("//")).toBe(false);
    expect(result).not.toMatch(/^\/[\\\t\n\r]/);
    const origin = "https://portal.example.test";
    expect(new URL(result, `${origin}/sign-in`).origin).toBe(origin);
    expect(new URL(result, `${origin}/sign-in`).host).toBe("portal.example.test");
  });

  it("returns the fallback for null and undefined", () => {
    expect(safeCallbackUrl(null)).toBe("/");
    expect(safeCallbackUrl(undefined, "/admin")).toBe("/admin");
  });

  // Browsers (WHATWG URL parsing) delete ASCII tab and newline characters anywhere in a URL,
  // so "/\t/evil.example" becomes "//evil.example": another site. Whatever it returns must
  // stay on the portal's origin once a browser resolves it.
  it.each(["/\t/evil.example", "/\n/evil.example", "/\r\n/evil.example", "/\t\\evil.example"])("keeps %j on the portal's origin", (value) => {
    const origin = "https://portal.example.test";
    expect(new URL(safeCallbackUrl(value), `${origin}/sign-in`).origin).toBe(origin);
  });
});
