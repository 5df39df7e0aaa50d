import { describe, expect, it } from "vitest";
import { checkWebUrl, isLoopbackHost } from "@/lib/registration/urls";

const staging = { environment: "staging" } as const;
const production = { environment: "production" } as const;

describe("checkWebUrl", () => {
  it.each([
    "https://client.example/",
    "https://client.example/legal/tos.html",
    "https://client.example:8443/path?x=1#section",
    "  https://client.example/privacy  ",
    "https://xn--bcher-kva.example/",
    `https://client.example/${"a".repeat(2048 - "https://client.example/".length)}`,
  ])("accepts %j in both environments", (url) => {
    expect(checkWebUrl(url, staging)).toBeUndefined();
    expect(checkWebUrl(url, production)).toBeUndefined();
  });

  it.each(["http://localhost:3000", "http://localhost/tos", "http://127.0.0.1:8080/", "http://[::1]/privacy"])(
    "accepts loopback http %j in Staging only",
    (url) => {
      expect(checkWebUrl(url, staging)).toBeUndefined();
      expect(checkWebUrl(url, production)).toBe("Use https:// (Production does not accept http, not even for localhost).");
    },
  );

  it.each([
    ["http://example.com", "Use https://, or http only for localhost, 127.0.0.1 or [::1] while in Staging."],
    ["http://localhost.example.com/", "Use https://, or http only for localhost, 127.0.0.1 or [::1] while in Staging."],
    ["http://127.0.0.2/", "Use https://, or http only for localhost, 127.0.0.1 or [::1] while in Staging."],
    ["http://127.1/", "Use https://, or http only for localhost, 127.0.0.1 or [::1] while in Staging."],
    ["https://user:pass@client.example/", "Remove the user name and password (the part before @) from the URL."],
    ["https://user@client.example/", "Remove the user name and password (the part before @) from the URL."],
    ["http://user:pass@localhost/", "Remove the user name and password (the part before @) from the URL."],
    ["/legal/tos.html", "Enter the full URL, starting with https://, for example https://client.example/."],
    ["client.example/tos", "Enter the full URL, starting with https://, for example https://client.example/."],
    ["not a url", "Remove the spaces or line breaks inside the URL (write a space as %20)."],
    ["ftp://client.example/tos.pdf", "Use a web address starting with https:// for the URL."],
    ["javascript:alert(1)", "Use a web address starting with https:// for the URL."],
    ["https:/client.example/", "Write the URL as https://host/path, with two slashes after the colon."],
    ["https://client.example:99999/", "Enter the URL as a valid web address, for example https://client.example/page."],
    ["https://exa[mple.com/", "Enter the URL as a valid web address, for example https://client.example/page."],
    ["https://", "Add the host name after https://, for example https://client.example/."],
    ["https://client.example\\@evil.example/", "Use forward slashes (/) in the URL, not backslashes."],
    ["https://client.exa mple/", "Remove the spaces or line breaks inside the URL (write a space as %20)."],
    ["https://client.example/\n", undefined],
    ["", "Enter the URL, starting with https://."],
    ["   ", "Enter the URL, starting with https://."],
    [`https://client.example/${"a".repeat(2049 - "https://client.example/".length)}`, "Shorten the URL to at most 2,048 characters."],
  ])("Staging: %j → %j", (url, message) => {
    expect(checkWebUrl(url, staging)).toBe(message);
  });

  it("refuses plain http everywhere in Production", () => {
    expect(checkWebUrl("http://client.example/", production)).toBe("Use https:// (Production does not accept http, not even for localhost).");
  });

  it("names the field when given a label", () => {
    expect(checkWebUrl("", { environment: "staging", label: "Privacy Policy" })).toBe("Enter the Privacy Policy, starting with https://.");
  });
});

describe("isLoopbackHost", () => {
  it.each(["localhost", "LOCALHOST", "127.0.0.1", "[::1]", "::1"])("%s is loopback", (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });
  it.each(["localhost.example", "127.0.0.2", "0.0.0.0", "client.example", "[::2]", ""])("%s is not", (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });
});
