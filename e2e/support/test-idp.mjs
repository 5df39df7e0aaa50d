// A throwaway OpenID Connect provider standing in for the platform staff's identity provider
// in the single sign-on e2e test. It uses oidc-provider's built-in development login pages:
// any login name is accepted and becomes the account's e-mail address (verified).
import http from "node:http";
import Provider from "oidc-provider";

const port = Number(process.env.IDP_PORT ?? 3299);
const portalUrl = process.env.PORTAL_URL ?? "http://localhost:3200";
const issuer = `http://localhost:${port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: "portal-staff-sso",
      client_secret: "portal-staff-sso-secret-for-tests-only",
      redirect_uris: [`${portalUrl}/api/auth/callback/staff-sso`],
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
  ],
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  features: { devInteractions: { enabled: true } },
  async findAccount(_ctx, id) {
    return {
      accountId: id,
      async claims() {
        return { sub: id, email: id, email_verified: true, name: id.split("@")[0] };
      },
    };
  },
});
provider.proxy = false;

http.createServer(provider.callback()).listen(port, "127.0.0.1", () => {
  console.log(`test identity provider on ${issuer}`);
});
