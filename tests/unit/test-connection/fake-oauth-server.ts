// A tiny OAuth 2.0 / OpenID Connect server on a loopback port for the Test connection tests:
// discovery, a token endpoint that checks client_secret_basic and PKCE (S256) and rotates
// refresh tokens, and a userinfo endpoint. The authorization step is simulated by issueCode().
import { createHash, randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

export const CLIENT_ID = "client-1234-abcd";
export const CLIENT_SECRET = "0123456789abcdef0123456789abcd"; // 30 hex characters, like the platform's

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
const random = () => randomBytes(24).toString("base64url");

export type FakeServer = {
  issuer: string;
  /** What the authorization endpoint would do after consent: a code bound to the PKCE challenge. */
  issueCode(input: { challenge: string; redirectUri: string; scope: string; nonce?: string }): string;
  /** Every token ever issued, to check none survives redaction. */
  issued: string[];
  close(): Promise<void>;
};

export async function startFakeServer(options: { publicClient?: boolean; refresh?: boolean } = {}): Promise<FakeServer> {
  const codes = new Map<string, { challenge: string; redirectUri: string; scope: string; nonce?: string }>();
  const refreshTokens = new Map<string, string>();
  const accessTokens = new Set<string>();
  const issued: string[] = [];
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const idToken = (nonce?: string) =>
    `${b64({ alg: "RS256", typ: "JWT", kid: "k1" })}.${b64({ iss: issuer, sub: "user-42", aud: CLIENT_ID, iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 600, ...(nonce ? { nonce } : {}) })}.${random()}`;

  function tokens(scope: string, nonce?: string) {
    const access = `at-${random()}`;
    const refresh = `rt-${random()}`;
    accessTokens.add(access);
    refreshTokens.set(refresh, scope);
    const id = scope.split(" ").includes("openid") ? idToken(nonce) : undefined;
    issued.push(access, refresh, ...(id ? [id] : []));
    return {
      access_token: access,
      token_type: "Bearer",
      expires_in: 3600,
      scope,
      ...(options.refresh === false ? {} : { refresh_token: refresh }),
      ...(id ? { id_token: id } : {}),
    };
  }

  server.on("request", (req, res) => {
    const send = (status: number, body: object, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "Content-Type": "application/json", "Cache-Control": "no-store", ...headers });
      res.end(JSON.stringify(body));
    };
    const url = new URL(req.url ?? "/", issuer);
    if (url.pathname === "/.well-known/openid-configuration") {
      return send(200, {
        issuer,
        authorization_endpoint: `${issuer}/oauth/authorize`,
        token_endpoint: `${issuer}/oauth/token`,
        userinfo_endpoint: `${issuer}/oauth/userinfo`,
        scopes_supported: ["openid", "users:read", "export-jobs:read"],
        response_types_supported: ["code"],
        code_challenge_methods_supported: ["S256"],
        token_endpoint_auth_methods_supported: ["client_secret_basic", "none"],
        authorization_response_iss_parameter_supported: true,
      });
    }
    if (url.pathname === "/oauth/userinfo") {
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
      if (!token || !accessTokens.has(token)) return send(401, { error: "invalid_token" }, { "WWW-Authenticate": 'Bearer error="invalid_token"' });
      return send(200, { sub: "user-42", email: "alex@example.com" });
    }
    if (url.pathname === "/oauth/token" && req.method === "POST") {
      let raw = "";
      req.on("data", (c) => (raw += c));
      req.on("end", () => {
        const form = new URLSearchParams(raw);
        if (options.publicClient) {
          if (form.get("client_id") !== CLIENT_ID) return send(401, { error: "invalid_client", error_description: "client authentication failed" });
        } else {
          const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? "")?.[1];
          const [id, secret] = basic ? Buffer.from(basic, "base64").toString().split(":").map(decodeURIComponent) : [];
          if (id !== CLIENT_ID || secret !== CLIENT_SECRET) return send(401, { error: "invalid_client", error_description: "client authentication failed" });
        }
        if (form.get("grant_type") === "authorization_code") {
          const entry = codes.get(form.get("code") ?? "");
          codes.delete(form.get("code") ?? "");
          const verifier = form.get("code_verifier") ?? "";
          if (!entry || entry.redirectUri !== form.get("redirect_uri"))
            return send(400, { error: "invalid_grant", error_description: "grant request is invalid" });
          if (createHash("sha256").update(verifier).digest("base64url") !== entry.challenge)
            return send(400, { error: "invalid_grant", error_description: "grant request is invalid" });
          return send(200, tokens(entry.scope, entry.nonce));
        }
        if (form.get("grant_type") === "refresh_token") {
          const scope = refreshTokens.get(form.get("refresh_token") ?? "");
          if (!scope) return send(400, { error: "invalid_grant", error_description: "grant request is invalid" });
          refreshTokens.delete(form.get("refresh_token") ?? "");
          const { id_token: _ignored, ...rest } = tokens(scope);
          return send(200, rest);
        }
        return send(400, { error: "unsupported_grant_type" });
      });
      return;
    }
    send(404, { error: "not_found" });
  });

  return {
    issuer,
    issued,
    issueCode(input) {
      const code = `code-${random()}`;
      codes.set(code, input);
      issued.push(code);
      return code;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
