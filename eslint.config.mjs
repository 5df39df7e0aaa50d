import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const DATA_LAYER_ONLY = "Only lib/db touches the Prisma client: call a function of lib/db (or a service in lib/domain) instead.";
const GENERATED_CLIENT = "The generated Prisma client is lib/db's: import its types and enums from a lib/db module that re-exports them instead.";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", ".data/**", "lib/generated/**", "node_modules/**", "test-results/**", "playwright-report/**", "next-env.d.ts"]),
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  // lib/db is the only code that touches the Prisma client: everything else calls its functions
  // (or a domain service in lib/domain). Tests, scripts, benchmarks and migrations may reach in.
  {
    ignores: ["lib/db/**", "tests/**", "scripts/**", "bench/**", "e2e/**", "prisma/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            ...["@/lib/db", "@/lib/db/index"].map((name) => ({ name, importNames: ["db", "database"], message: DATA_LAYER_ONLY })),
            { name: "@/lib/db/connect", message: DATA_LAYER_ONLY },
          ],
          patterns: [
            { regex: "^@/lib/generated(/|$)", message: GENERATED_CLIENT },
            { regex: "^(\\.{1,2}/)+(lib/)?generated(/|$)", message: GENERATED_CLIENT },
          ],
        },
      ],
    },
  },
]);
