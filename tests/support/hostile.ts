// Hostile input for property-based tests (fast-check): text that breaks storage (NUL, lone
// surrogates), controls, text-direction and invisible characters, look-alikes, markup and long
// runs, mixed with ordinary characters; and JSON of any shape built from it. Every property
// runs with FUZZ, so a run is the same on every machine and bounded in time.
import fc from "fast-check";

/** A fixed seed: a failure names its counterexample and reproduces exactly. */
export const fuzz = (numRuns: number): fc.Parameters<unknown> => ({ seed: 4242, numRuns });

export const NASTY_PIECES = [
  "\u0000", // PostgreSQL refuses it in text and jsonb
  "\ud800", // a high surrogate with no low one
  "\udfff", // a low surrogate with no high one
  "\u0007", // bell
  "\u001b[2J", // an ANSI escape (clears a terminal)
  "\u009b", // C1 control introducer
  "\u007f",
  "\r\n",
  "\t",
  "\u202e", // right-to-left override
  "\u2066", // left-to-right isolate
  "\u200d", // zero-width joiner
  "\u200b", // zero-width space
  "\ufeff", // byte order mark
  "\u2028", // line separator
  "\u0301", // combining acute accent
  "аррӏе", // Cyrillic look-alike of "apple"
  "Ｐｌｅｏ", // fullwidth letters
  "İ", // lower-cases to two code units
  "😀",
  "👩🏽‍💻", // an emoji sequence joined with ZWJ
  "<script>alert(1)</script>",
  "'; DROP TABLE users; --",
  "%00",
  "\\u0000",
  "__proto__",
  "{{7*7}}",
  "../../etc/passwd",
] as const;

/** One "character": mostly a real code point, often one of the nasty pieces. */
export const hostileUnit: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }), weight: 3 },
  { arbitrary: fc.constantFrom(...NASTY_PIECES), weight: 2 },
  { arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)), weight: 1 },
  { arbitrary: fc.integer({ min: 0, max: 0x9f }).map((c) => String.fromCharCode(c)), weight: 1 },
);

export const hostileString = (maxLength = 40) => fc.string({ unit: hostileUnit, maxLength });

/** Hostile text the edge accepts (no NUL, no lone surrogate): it gets stored and shown. */
export const acceptedString = (minLength = 0, maxLength = 40) => fc.string({ unit: hostileUnit.filter((unit) => storable(unit)), minLength, maxLength });

/** Characters a client name may use, look-alikes, emoji and right-to-left scripts included. */
export const nameUnit = fc.constantFrom(..."Acme Bücher Ltd 日本 😀 аррӏе Ωmega-&'.,0123 שלום", "👩🏽‍💻", "İ", "<b>", "{{x}}");

/** Long text: a piece repeated past the limits fields have (4,096 characters, 64 KB bodies). */
export const longString = fc
  .tuple(fc.constantFrom("a", "😀", "\u202e", "é", "\u0000"), fc.constantFrom(61, 2049, 4097, 20_000))
  .map(([piece, times]) => piece.repeat(times));

/** JSON of any shape whose strings and keys are hostile. */
export const hostileJson = (maxDepth = 4) => fc.jsonValue({ maxDepth, stringUnit: hostileUnit });

/** An array nested `depth` levels deep around `inner`. */
export const nested = (depth: number, inner: unknown = "x"): unknown => {
  let value = inner;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
};

/** Wrong types for a field that wants a string or a number. */
export const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.double(),
  fc.constantFrom(-1, 0, 1.5, 2 ** 53, Number.MAX_SAFE_INTEGER + 2),
  fc.array(hostileString(8), { maxLength: 3 }),
  fc.dictionary(hostileString(6), hostileString(6), { maxKeys: 3 }),
  hostileString(),
);

/** No unpaired surrogate: UTF-8 keeps the text as it is. */
export const wellFormed = (text: string) => Buffer.from(text, "utf8").toString("utf8") === text;

/** True when the text can be stored: no NUL, and well formed. */
export const storable = (text: string) => !text.includes("\u0000") && wellFormed(text);

/** Every string and key anywhere in a JSON-like value. */
export function allStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const item of value) allStrings(item, out);
  else if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      out.push(key);
      allStrings(item, out);
    }
  }
  return out;
}
