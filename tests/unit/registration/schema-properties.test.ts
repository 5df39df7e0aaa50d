import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CLIENT_TYPE_VALUES,
  ENVIRONMENTS,
  FIELD_NAMES,
  SUBJECT_TYPE_VALUES,
  type ClientType,
  type Environment,
  type RegistrationData,
} from "@/lib/registration/fields";
import { MANIFEST_ORDER, parseManifest, toManifest } from "@/lib/registration/manifest";
import { draftSchema, registrationWarnings, sectionStatus, validateRegistration } from "@/lib/registration/schema";
import { ALL_SCOPES } from "@/lib/registration/scopes";
import { fuzz, hostileJson, hostileString, hostileUnit, longString, nameUnit, wrongType } from "../../support/hostile";

// Properties of the registration schema (issue 9): on any input the rules answer instead of
// throwing, and a registration that passes them survives export to a manifest and import back.

const BRAND = "Pleo";
const ctxFor = (environment: Environment) => ({ environment, brand: BRAND });

/** Anything a field could hold: hostile text, long text, lists of it, or a wrong type. */
const fieldValue = fc.oneof(hostileString(), longString, fc.array(fc.oneof(hostileString(), wrongType), { maxLength: 12 }), wrongType);
const shapedLike = (keys: readonly string[]) => fc.dictionary(fc.constantFrom(...keys), fieldValue, { maxKeys: keys.length });
const anyInput = fc.oneof(hostileJson(), shapedLike(FIELD_NAMES), shapedLike(MANIFEST_ORDER));

describe("the registration schema never throws", () => {
  it("draft and strict parsing, warnings, section status and manifest import, on anything", () => {
    fc.assert(
      fc.property(anyInput, fc.constantFrom(...ENVIRONMENTS), fc.boolean(), (input, environment, requireLogo) => {
        const draft = draftSchema.safeParse(input);
        const strict = validateRegistration(input, ctxFor(environment));
        registrationWarnings(input, environment);
        sectionStatus(input, ctxFor(environment));
        const imported = parseManifest(input, { requireLogo, brand: BRAND });
        if (draft.success) toManifest(draft.data, environment, null); // exporting a saved draft
        // Every refusal says something, keyed by a field.
        if (!strict.valid)
          expect(
            Object.values(strict.fieldErrors)
              .flat()
              .every((m) => m.length > 0),
          ).toBe(true);
        if (!imported.ok) expect(imported.errorDescription.length).toBeGreaterThan(0);
      }),
      fuzz(1000),
    );
  });
});

// Registrations that pass every rule: hosts, paths and names from a wide alphabet, so that the
// round trip meets Unicode, percent signs and look-alikes, not only ASCII.
const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,8}[a-z0-9])?$/);
const host = fc
  .tuple(fc.array(label, { minLength: 1, maxLength: 2 }), fc.constantFrom("example", "client.example", "bücher.example", "xn--bcher-kva.example"))
  .map(([labels, domain]) => [...labels, domain].join("."));
const segment = fc.string({ unit: fc.constantFrom(..."aZ09-._~%é€😀аɑ+=&;,!$'()@:"), maxLength: 10 });
const path = fc.array(segment, { maxLength: 3 }).map((parts) => `/${parts.join("/")}`);
const query = fc.option(fc.string({ unit: fc.constantFrom(..."a=1&b=%20é"), minLength: 1, maxLength: 8 }), { nil: undefined });
const httpsUrl = fc.tuple(host, path, query).map(([h, p, q]) => `https://${h}${p}${q ? `?${q}` : ""}`);
const loopback = fc
  .tuple(fc.constantFrom("127.0.0.1", "[::1]", "localhost"), fc.integer({ min: 1, max: 65535 }), path)
  .map(([h, port, p]) => `http://${h}:${port}${p}`);
const nativeScheme = fc.tuple(label, label, path).map(([a, b, p]) => `com.${a}.${b}:${p}`);

function redirectFor(clientType: ClientType, environment: Environment) {
  const options = [httpsUrl, ...(environment === "staging" ? [loopback] : []), ...(clientType === "public_native" ? [nativeScheme] : [])];
  return fc.uniqueArray(fc.oneof(...options), { minLength: 1, maxLength: 10 });
}

const email = fc.tuple(fc.stringMatching(/^[a-z0-9](?:[a-z0-9_+-]|\.[a-z0-9]){0,12}$/), label).map(([local, domain]) => `${local}@${domain}.example`);
const reason = fc.string({ unit: hostileUnit, minLength: 20, maxLength: 120 });

const acceptedRegistration = fc
  .record({
    environment: fc.constantFrom(...ENVIRONMENTS),
    clientType: fc.constantFrom(...CLIENT_TYPE_VALUES),
    pkceOff: fc.boolean(),
    clientName: fc.string({ unit: nameUnit, minLength: 2, maxLength: 30 }),
    urls: fc.array(httpsUrl, { minLength: 5, maxLength: 5 }),
    contacts: fc.uniqueArray(email, { minLength: 1, maxLength: 10, selector: (e) => e.toLowerCase() }),
    scopes: fc.subarray([...ALL_SCOPES], { minLength: 1 }),
    subjectTypePreference: fc.constantFrom(...SUBJECT_TYPE_VALUES),
    pkceExceptionReason: reason,
  })
  .chain((r) => redirectFor(r.clientType, r.environment).map((redirectUris) => ({ ...r, redirectUris })))
  .map((r): { environment: Environment; input: RegistrationData } => {
    const [clientUri, tosUri, policyUri, initiateLoginUri, settingsUri] = r.urls as [string, string, string, string, string];
    const pkceOff = r.pkceOff && r.clientType === "confidential";
    return {
      environment: r.environment,
      input: {
        clientName: r.clientName,
        clientUri,
        logoId: null,
        tosUri,
        policyUri,
        contacts: r.contacts,
        initiateLoginUri,
        settingsUri,
        redirectUris: r.redirectUris,
        scopes: r.scopes,
        clientType: r.clientType,
        pkceSupport: pkceOff ? "not_supported" : "supported",
        pkceExceptionReason: pkceOff ? r.pkceExceptionReason : "",
        subjectTypePreference: r.subjectTypePreference,
      },
    };
  });

describe("export then import", () => {
  it("gives back every accepted registration exactly (the logo is never imported: it is uploaded again)", () => {
    let accepted = 0;
    fc.assert(
      fc.property(acceptedRegistration, ({ environment, input }) => {
        const checked = validateRegistration(input, ctxFor(environment));
        // The logo is the one rule an import cannot meet; the generators aim at all the others.
        const { logoId: _logo, ...others } = checked.fieldErrors;
        fc.pre(Object.keys(others).length === 0);
        accepted++;
        const d = { ...validateRegistration({ ...input, logoId: "6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b" }, ctxFor(environment)).data!, logoId: null };
        const exported = toManifest(d, environment, "https://portal.example/api/logos/6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b");
        const back = parseManifest(JSON.parse(JSON.stringify(exported)), { requireLogo: false, brand: BRAND });
        expect(back).toMatchObject({ ok: true, environment });
        if (back.ok) expect(back.data).toEqual(d);
      }),
      fuzz(500),
    );
    expect(accepted).toBeGreaterThan(400); // the generators really do produce accepted registrations
  });
});
