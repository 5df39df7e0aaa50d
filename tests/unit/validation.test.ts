import { describe, expect, it } from "vitest";
import { safeCallbackUrl, signInSchema, signUpSchema } from "@/lib/validation/account";

const SIGN_UP = { name: "Pat Partner", organizationName: "Example Client Ltd", email: "pat@example.com", password: "0123456789" };

/** The messages zod reports for each field. */
function errors(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  expect(result.success).toBe(false);
  const out: Record<string, string[]> = {};
  for (const issue of result.error!.issues) (out[String(issue.path[0])] ??= []).push(issue.message);
  return out;
}

describe("signUpSchema", () => {
  it("trims and lowercases the e-mail address and trims names", () => {
    const parsed = signUpSchema.parse({
      ...SIGN_UP,
      name: "  Pat Partner ",
      organizationName: " Example Client Ltd  ",
      email: "  Pat.Partner@Example.COM ",
    });
    expect(parsed).toEqual({ ...SIGN_UP, email: "pat.partner@example.com" });
  });

  it("needs a password of 10 to 200 characters", () => {
    expect(errors(signUpSchema.safeParse({ ...SIGN_UP, password: "123456789" })).password).toEqual([
      "Use at least 10 characters.",
    ]);
    expect(errors(signUpSchema.safeParse({ ...SIGN_UP, password: "x".repeat(201) })).password).toEqual([
      "Use at most 200 characters.",
    ]);
    expect(signUpSchema.safeParse({ ...SIGN_UP, password: "x".repeat(10) }).success).toBe(true);
    expect(signUpSchema.safeParse({ ...SIGN_UP, password: "x".repeat(200) }).success).toBe(true);
  });

  it("explains each missing or bad field", () => {
    const e = errors(signUpSchema.safeParse({ name: " ", organizationName: "A", email: "", password: "" }));
    expect(e.name).toEqual(["Enter your name."]);
    expect(e.organizationName).toEqual(["Enter your company's name (at least 2 characters)."]);
    expect(e.email).toEqual(["Enter your e-mail address."]);
    expect(e.password).toEqual(["Use at least 10 characters."]);
  });

  it("refuses malformed addresses, overlong fields and control characters in names", () => {
    expect(errors(signUpSchema.safeParse({ ...SIGN_UP, email: "not-an-address" })).email).toEqual([
      "Enter an e-mail address like name@company.com.",
    ]);
    expect(errors(signUpSchema.safeParse({ ...SIGN_UP, email: `${"a".repeat(250)}@x.io` })).email).toEqual([
      "E-mail addresses are at most 254 characters.",
    ]);
    expect(errors(signUpSchema.safeParse({ ...SIGN_UP, name: "x".repeat(101) })).name).toEqual([
      "Use at most 100 characters.",
    ]);
    expect(errors(signUpSchema.safeParse({ ...SIGN_UP, name: "Pat\u0000Partner" })).name).toEqual([
      "Remove control characters.",
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
    expect(errors(signInSchema.safeParse({ email: "ada@example.com", password: "" })).password).toEqual([
      "Enter your password.",
    ]);
    expect(errors(signInSchema.safeParse({ email: "ada@example.com", password: "x".repeat(201) })).password).toEqual([
      "That password is too long.",
    ]);
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

  it.each([
    "https://evil.example/",
    "http:/evil.example",
    "javascript:alert(1)",
    "//evil.example/path",
    "/\\evil.example",
    "evil.example",
    "",
  ])("refuses %j and returns the fallback", (value) => {
    expect(safeCallbackUrl(value)).toBe("/");
    expect(safeCallbackUrl(value, "/registrations")).toBe("/registrations");
  });

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
  it.each(["/\t/evil.example", "/\n/evil.example", "/\r\n/evil.example", "/\t\\evil.example"])(
    "keeps %j on the portal's origin",
    (value) => {
      const origin = "https://portal.example.test";
      expect(new URL(safeCallbackUrl(value), `${origin}/sign-in`).origin).toBe(origin);
    },
  );
});
