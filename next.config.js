// @ts-check

/** @type {import("next").NextConfig} */
const nextConfig = {
  // Bundling breaks these: PGlite loses its file URLs and oidc-provider's minified class
  // names break its token endpoint. They stay plain Node.js requires.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "oidc-provider", "pg", "nodemailer"],
  poweredByHeader: false,
  reactStrictMode: true,
  typedRoutes: false,
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
