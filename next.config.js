// @ts-check

/** @type {import("next").NextConfig} */
const nextConfig = {
  // Bundling breaks these: PGlite loses its file URLs and oidc-provider's minified class
  // names break its token endpoint. They stay plain Node.js requires.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "oidc-provider", "pg", "nodemailer"],
  // `server-only` resolves to an empty module only under React's "react-server" condition, which
  // Pages Router API routes (the embedded authorization server) do not use. Server bundles get
  // the empty module; browser bundles keep the real one, so importing a server module from a
  // client component still fails the build.
  transpilePackages: ["server-only"], // bundled, so the alias below applies in Pages API routes too
  turbopack: {
    resolveAlias: {
      "server-only": { browser: "server-only", default: "./node_modules/server-only/empty.js" },
    },
  },
  // Metadata (the <title>) is rendered into <head> before the page streams, for every client
  // rather than bots only: screen readers and tools read the title as soon as the page loads.
  htmlLimitedBots: /.*/,
  poweredByHeader: false,
  reactStrictMode: true,
  typedRoutes: false,
  // The embedded authorization server (pages/api/oidc) is served at /oidc, and the sandbox
  // sign-in and consent forms post to Pages API routes below the interaction's own path (so
  // the interaction cookie, scoped to that path, comes along).
  async rewrites() {
    return [
      { source: "/oidc", destination: "/api/oidc" },
      { source: "/oidc/:path*", destination: "/api/oidc/:path*" },
      { source: "/sandbox/interaction/:uid/:action(login|confirm|abort)", destination: "/api/sandbox-interaction/:uid/:action" },
    ];
  },
  // Headers that do not depend on the request; proxy.ts adds the per-request CSP (with its
  // nonce) and, when APP_ENV=production, Strict-Transport-Security.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
        ],
      },
    ];
  },
};

module.exports = nextConfig;
