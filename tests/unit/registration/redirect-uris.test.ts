import { describe, expect, it } from "vitest";
import type { ClientType, Environment } from "@/lib/registration/fields";
import { REDIRECT_PRESETS } from "@/lib/registration/fields";
import { checkRedirectUri, hostsDifferWarning, redirectUriWarnings } from "@/lib/registration/redirect-uris";

const ALL_TYPES: ClientType[] = ["confidential", "public_spa", "public_native"];
const check = (uri: string, environment: Environment = "staging", clientType: ClientType = "confidential") =>
  checkRedirectUri(uri, { environment, clientType });

describe("checkRedirectUri: accepted", () => {
  it.each([
    "https://client.example/callback",
    "https://client.example/callback/",
    "https://client.example:8443/oauth/callback?tenant=eu",
    "https://oauth.pstmn.io/v1/browser-callback",
    "https://oauth.pstmn.io/v1/callback",
    ...REDIRECT_PRESETS("https://portal.example").map((p) => p.uri),
  ])("%s in both environments, for every client type", (uri) => {
    for (const clientType of ALL_TYPES) {
      expect(check(uri, "staging", clientType)).toBeUndefined();
      expect(check(uri, "production", clientType)).toBeUndefined();
    }
  });

  it.each([
    "http://127.0.0.1:53123/cb",
    "http://127.0.0.1/cb",
    "http://[::1]/cb",
    "http://[::1]:8080/cb",
    "http://localhost/cb",
    "http://localhost:3000/api/auth/callback",
  ])("loopback http %s in Staging (any port) for every client type, never in Production", (uri) => {
    for (const clientType of ALL_TYPES) {
      expect(check(uri, "staging", clientType)).toBeUndefined();
      expect(check(uri, "production", clientType)).toBe("Use https:// (Production does not accept http, not even for localhost).");
    }
  });

  it.each(["com.example.app:/callback", "com.example.app:/oauth2redirect/provider", "io.client-example.mobile://callback"])(
    "private-use scheme %s for native apps only",
    (uri) => {
      expect(check(uri, "staging", "public_native")).toBeUndefined();
      expect(check(uri, "production", "public_native")).toBeUndefined();
      expect(check(uri, "staging", "confidential")).toMatch(/^Private-use schemes such as .* are only for mobile and desktop apps/);
      expect(check(uri, "production", "public_spa")).toMatch(/^Private-use schemes/);
    },
  );
});

describe("checkRedirectUri: refused", () => {
  it.each([
    ["https://client.example/cb#frag", "Remove the fragment (the # and everything after it): redirect URIs cannot contain one."],
    ["https://client.example/cb#", "Remove the fragment (the # and everything after it): redirect URIs cannot contain one."],
    ["https://*.client.example/cb", "Remove the wildcard (*): list every redirect URI in full, because each must match exactly."],
    ["https://client.example/*", "Remove the wildcard (*): list every redirect URI in full, because each must match exactly."],
    ["https://user:pass@client.example/cb", "Remove the user name and password (the part before @) from the URL."],
    ["https://user@client.example/cb", "Remove the user name and password (the part before @) from the URL."],
    ["http://client.example/cb", "Use https://, or http only for localhost, 127.0.0.1 or [::1] while in Staging."],
    ["http://192.168.1.10/cb", "Use https://, or http only for localhost, 127.0.0.1 or [::1] while in Staging."],
    ["/callback", "Enter the full redirect URI, starting with https://, for example https://client.example/callback."],
    ["client.example/callback", "Enter the full redirect URI, starting with https://, for example https://client.example/callback."],
    ["https://client.example/a b", "Remove the spaces or line breaks inside the URL (write a space as %20)."],
    ["https://client.example\\cb", "Use forward slashes (/) in the URL, not backslashes."],
    ["https:/client.example/cb", "Write the redirect URI as https://host/path, with two slashes after the colon."],
    ["", "Enter a redirect URI, or remove this empty row."],
    [`https://client.example/${"a".repeat(2030)}`, "Shorten the URL to at most 2,048 characters."],
  ])("%j", (uri, message) => {
    expect(check(uri)).toBe(message);
  });

  it.each([
    "javascript:alert(1)",
    " JAVASCRIPT:alert(1)",
    "\u0000\u001fjavascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "file:///etc/passwd",
    "vbscript:msgbox(1)",
    "about:blank",
    "blob:https://client.example/1234",
    "filesystem:https://client.example/temporary/x",
  ])("dangerous scheme %j, for every client type", (uri) => {
    for (const clientType of ALL_TYPES) {
      expect(check(uri, "staging", clientType)).toMatch(/^Addresses starting with [a-z]+: cannot receive users after sign-in: enter the https:\/\/ address/);
    }
  });

  it.each(["myapp:/cb", "myapp://callback", "ftp://client.example/cb", "urn:ietf:wg:oauth:2.0:oob"])(
    "custom scheme %s, explaining the reverse-domain form",
    (uri) => {
      expect(check(uri, "staging", "public_native")).toMatch(/must be a domain you own in reverse order, such as com\.example\.app:\/callback/);
      expect(check(uri, "staging", "confidential")).toMatch(/^Use an https:\/\/ redirect URI\. \(Custom schemes in reverse-domain form/);
    },
  );

  it.each([
    ["com.example.app:", "Add a path after the scheme, for example com.example.app:/callback."],
    ["com..app:/cb", "Write the scheme as a domain you own in reverse order, for example com.example.app:/callback."],
    ["com.example.app://user@host/cb", "Remove the user name and password (the part before @) from the URL."],
  ])("malformed private-use URI %j for native apps", (uri, message) => {
    expect(check(uri, "staging", "public_native")).toBe(message);
  });

  it("only trims outer whitespace: inner spaces are refused, not removed", () => {
    expect(check("  https://client.example/cb/  ")).toBeUndefined();
    expect(check("https://client.example/c b")).toMatch(/^Remove the spaces/);
  });
});

describe("redirectUriWarnings", () => {
  it("recommends 127.0.0.1 over localhost", () => {
    const [warning] = redirectUriWarnings("http://localhost:3000/cb", { environment: "staging" });
    expect(warning).toMatch(/^Consider http:\/\/127\.0\.0\.1 instead of localhost/);
    expect(warning).toMatch(/RFC 8252, section 8\.3/);
  });

  it.each(["http://127.0.0.1:3000/cb", "https://client.example/cb", "https://oauth.pstmn.io/v1/callback", "not a uri"])(
    "has nothing to say about %s in Staging",
    (uri) => {
      expect(redirectUriWarnings(uri, { environment: "staging" })).toEqual([]);
    },
  );

  it("warns about a Postman callback in Production (the reviewer decides)", () => {
    expect(redirectUriWarnings("https://oauth.pstmn.io/v1/browser-callback", { environment: "production" })).toEqual([
      expect.stringMatching(/Postman test callback/),
    ]);
  });

  it("leaves loopback in Production to the rules (an error there, not a warning)", () => {
    expect(redirectUriWarnings("https://127.0.0.1/cb", { environment: "production" })).toEqual([]);
  });
});

describe("hostsDifferWarning", () => {
  const site = { clientUri: "https://client.example/", tosUri: "https://client.example/tos", policyUri: "https://legal.client.example/privacy" };

  it.each([
    [["https://client.example/callback"]],
    [["https://app.client.example/callback"]],
    [["https://client.example/cb", "http://127.0.0.1:3000/cb", "https://oauth.pstmn.io/v1/callback"]],
    [["com.example.app:/cb", "not a uri"]],
    [[]],
  ])("stays quiet for %j", (redirectUris) => {
    expect(hostsDifferWarning({ ...site, redirectUris })).toBeUndefined();
  });

  it("warns, naming the host, when a redirect URI is on an unrelated domain", () => {
    const warning = hostsDifferWarning({ ...site, redirectUris: ["https://client.example/cb", "https://auth.other.example/cb"] });
    expect(warning?.field).toBe("redirectUris");
    expect(warning?.message).toMatch(/^The redirect URIs use auth\.other\.example, which is not the domain/);
    expect(warning?.message).toMatch(/check that you control this host/);
  });

  it("skips the check when the site addresses are empty or unparseable", () => {
    const redirectUris = ["https://elsewhere.example/cb"];
    expect(hostsDifferWarning({ clientUri: "", tosUri: "nope", policyUri: "", redirectUris })).toBeUndefined();
    expect(hostsDifferWarning({ clientUri: "http://localhost:3000", tosUri: "", policyUri: "", redirectUris })).toBeUndefined();
  });
});
