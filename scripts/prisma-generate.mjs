// Runs `prisma generate` offline. Prisma 7's CLI tries to download its schema engine
// before any command unless PRISMA_SCHEMA_ENGINE_BINARY names an existing executable;
// `generate` never runs that engine, so any executable will do.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const engine = ["/usr/bin/true", "/bin/true"].find((p) => existsSync(p)) ?? process.execPath;
const result = spawnSync("npx", ["--no-install", "prisma", "generate"], {
  stdio: "inherit",
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? engine,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
  },
});
process.exit(result.status ?? 1);
