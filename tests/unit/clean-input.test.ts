import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_DEPTH, cleanInput, cleanSearchParams, cleanText, parseJsonText, refusalMessage } from "@/lib/http/clean-input";
import { truncateText } from "@/lib/text/unicode";
import { allStrings, fuzz, hostileJson, hostileString, nested, storable, wellFormed } from "../support/hostile";

// The input rule every entry point applies (lib/http/clean-input.ts), as properties over
// hostile text and JSON, plus the messages people read.

const STRIPPED = /[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

describe("cleanText", () => {
  it("refuses NUL and unpaired surrogates, and names the problem", () => {
    expect(cleanText("a\u0000b")).toEqual({ ok: false, problem: "nul" });
    expect(cleanText("a\ud800b")).toEqual({ ok: false, problem: "surrogate" });
    expect(cleanText("\udc00")).toEqual({ ok: false, problem: "surrogate" });
    expect(cleanText("a\ud83d")).toEqual({ ok: false, problem: "surrogate" });
  });

  it("removes other controls, keeps tab and line breaks, and leaves real text alone", () => {
    expect(cleanText("a\u0007b\u001b[2Jc\u007f\u009bd")).toEqual({ ok: true, value: "ab[2Jcd" });
    expect(cleanText("line 1\r\n\tline 2")).toEqual({ ok: true, value: "line 1\r\n\tline 2" });
    const real = "Ünïcödé 😀 👩🏽‍💻 \u202eevil\u202c \u200d аррӏе";
    expect(cleanText(real)).toEqual({ ok: true, value: real });
  });

  it("is a property: either refused for a reason the text has, or storable, control-free and otherwise unchanged", () => {
    fc.assert(
      fc.property(hostileString(60), (text) => {
        const result = cleanText(text);
        if (!result.ok) return result.problem === "nul" ? text.includes("\u0000") : !storable(text);
        expect(storable(text)).toBe(true);
        expect(STRIPPED.test(result.value)).toBe(false);
        expect(result.value).toBe(text.replace(new RegExp(STRIPPED, "g"), ""));
        expect(cleanText(result.value)).toEqual(result); // idempotent
      }),
      fuzz(2000),
    );
  });
});

describe("cleanInput", () => {
  it("never throws; what it returns is storable everywhere, keys included, and survives JSON", () => {
    fc.assert(
      fc.property(hostileJson(), (value) => {
        const result = cleanInput(value);
        const strings = allStrings(value);
        if (!result.ok) {
          expect(strings.some((s) => !storable(s))).toBe(true);
          return;
        }
        expect(strings.every(storable)).toBe(true);
        for (const s of allStrings(result.value)) {
          expect(storable(s)).toBe(true);
          expect(STRIPPED.test(s)).toBe(false);
        }
        expect(JSON.parse(JSON.stringify(result.value))).toEqual(result.value);
      }),
      fuzz(500),
    );
  });

  it("says where the refused text is, keys shown safely", () => {
    const refused = cleanInput({ data: { contacts: ["ok@example.com", "bad\u0000@example.com"] } });
    expect(refused).toEqual({ ok: false, refusal: { problem: "nul", path: ["data", "contacts", 1] } });
    if (!refused.ok) {
      expect(refusalMessage(refused.refusal, "the request body")).toBe(
        'The request body field "data.contacts.1" contains a NUL character (U+0000), which cannot be stored: remove it and try again.',
      );
    }
    const key = cleanInput({ ["k\ud800"]: 1 });
    expect(key.ok).toBe(false);
    if (!key.ok)
      expect(refusalMessage(key.refusal, "the form")).toBe(
        'The form field "k\\ud800" contains a broken character (an unpaired UTF-16 surrogate, such as half of an emoji), which cannot be stored: remove it and try again.',
      );
  });

  it("refuses nesting deeper than the limit without walking it, even 100,000 levels", () => {
    expect(cleanInput(nested(MAX_DEPTH - 1)).ok).toBe(true);
    expect(cleanInput(nested(MAX_DEPTH + 1))).toEqual({ ok: false, refusal: { problem: "too_deep", path: [] } });
    const deep = JSON.parse(`${"[".repeat(100_000)}${"]".repeat(100_000)}`);
    expect(cleanInput(deep).ok).toBe(false);
    expect(refusalMessage({ problem: "too_deep", path: [] }, "the request body")).toBe("The request body is nested more than 32 levels deep.");
  });

  it("keeps a __proto__ key as data, never as the prototype", () => {
    const result = cleanInput(JSON.parse('{"__proto__": {"polluted": "\\u0007yes"}}'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const value = result.value as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(value, "__proto__")?.value).toEqual({ polluted: "yes" });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("passes other values through: numbers, booleans, null, files", () => {
    const file = new File(["x"], "a.png");
    expect(cleanInput({ n: 1, b: true, z: null, file })).toEqual({ ok: true, value: { n: 1, b: true, z: null, file } });
  });
});

describe("parseJsonText", () => {
  it("tells broken JSON from refused text inside it (escapes count)", () => {
    expect(parseJsonText("{")).toEqual({ ok: false, syntax: true });
    expect(parseJsonText('{"client_name": "a\\u0000"}')).toEqual({ ok: false, refusal: { problem: "nul", path: ["client_name"] } });
    expect(parseJsonText('["\\udc00"]')).toEqual({ ok: false, refusal: { problem: "surrogate", path: [0] } });
    expect(parseJsonText('{"a": "\\u0007b"}')).toEqual({ ok: true, value: { a: "b" } });
  });
});

describe("cleanSearchParams", () => {
  it("keeps the named parameters, cleaned, and explains a dropped one", () => {
    const { values, problems } = cleanSearchParams(
      { q: "a\u0000", actor: "x\u0007y", page: ["1", "2"], other: "z" },
      { q: "search", actor: "who", page: "page" },
    );
    expect(values).toEqual({ actor: "xy" });
    expect(problems).toEqual(["The search filter was not applied: it contains a NUL character (U+0000), which cannot be stored: remove it and try again."]);
  });
});

describe("truncateText", () => {
  it("never leaves half of a surrogate pair, and is a prefix no longer than asked", () => {
    expect(truncateText("ab😀", 3)).toBe("ab");
    expect(truncateText("ab😀", 4)).toBe("ab😀");
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 30 }), fc.nat(40), (text, max) => {
        const cut = truncateText(text, max);
        expect(cut.length).toBeLessThanOrEqual(max);
        expect(text.startsWith(cut)).toBe(true);
        if (wellFormed(text)) expect(wellFormed(cut)).toBe(true);
        expect(cut.length).toBeGreaterThanOrEqual(Math.min(text.length, max) - 1);
      }),
      fuzz(1000),
    );
  });
});
