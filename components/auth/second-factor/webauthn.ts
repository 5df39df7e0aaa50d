// The browser side of passkeys: the server's JSON options in, the credential as JSON out.
// Browsers that know PublicKeyCredential.parse*FromJSON and toJSON (Chromium 129+, Firefox
// 119+, Safari 18.4+) do the conversions themselves; the rest get them here.

type Json = Record<string, unknown>;

const toBuffer = (value: string) => {
  const base64 = value
    .replace(/-/g, "+")
    .replace(/_/g, "/")
    .padEnd(Math.ceil(value.length / 4) * 4, "=");
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)).buffer;
};
const toBase64url = (buffer: ArrayBuffer | null | undefined) =>
  buffer
    ? btoa(String.fromCharCode(...new Uint8Array(buffer)))
        .replace(/\+/g, "-")
        .replace(/\//g, "_")
        .replace(/=+$/, "")
    : undefined;

type WithJson = typeof PublicKeyCredential & {
  parseCreationOptionsFromJSON?: (o: Json) => PublicKeyCredentialCreationOptions;
  parseRequestOptionsFromJSON?: (o: Json) => PublicKeyCredentialRequestOptions;
};

const withIds = (list: unknown) => ((list as { id: string }[] | undefined) ?? []).map((c) => ({ ...c, id: toBuffer(c.id) })) as PublicKeyCredentialDescriptor[];

function asJson(credential: PublicKeyCredential): Json {
  const native = (credential as PublicKeyCredential & { toJSON?: () => Json }).toJSON;
  if (native) return native.call(credential);
  const r = credential.response as AuthenticatorAttestationResponse & AuthenticatorAssertionResponse;
  return {
    id: credential.id,
    rawId: toBase64url(credential.rawId),
    type: credential.type,
    authenticatorAttachment: credential.authenticatorAttachment ?? undefined,
    clientExtensionResults: credential.getClientExtensionResults(),
    response: {
      clientDataJSON: toBase64url(r.clientDataJSON),
      attestationObject: "attestationObject" in r ? toBase64url(r.attestationObject) : undefined,
      transports: typeof r.getTransports === "function" ? r.getTransports() : undefined,
      authenticatorData: "authenticatorData" in r ? toBase64url(r.authenticatorData) : undefined,
      signature: "signature" in r ? toBase64url(r.signature) : undefined,
      userHandle: "userHandle" in r ? toBase64url(r.userHandle) : undefined,
    },
  };
}

export function passkeysSupported(): boolean {
  return typeof window !== "undefined" && typeof window.PublicKeyCredential === "function";
}

export async function createPasskey(options: Json): Promise<Json> {
  const PKC = PublicKeyCredential as WithJson;
  const publicKey = PKC.parseCreationOptionsFromJSON
    ? PKC.parseCreationOptionsFromJSON(options)
    : ({
        ...options,
        challenge: toBuffer(options.challenge as string),
        user: { ...(options.user as Json), id: toBuffer((options.user as Json).id as string) },
        excludeCredentials: withIds(options.excludeCredentials),
      } as unknown as PublicKeyCredentialCreationOptions);
  return asJson((await navigator.credentials.create({ publicKey })) as PublicKeyCredential);
}

export async function provePasskey(options: Json): Promise<Json> {
  const PKC = PublicKeyCredential as WithJson;
  const publicKey = PKC.parseRequestOptionsFromJSON
    ? PKC.parseRequestOptionsFromJSON(options)
    : ({
        ...options,
        challenge: toBuffer(options.challenge as string),
        allowCredentials: withIds(options.allowCredentials),
      } as unknown as PublicKeyCredentialRequestOptions);
  return asJson((await navigator.credentials.get({ publicKey })) as PublicKeyCredential);
}
