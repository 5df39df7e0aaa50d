import { defineConfig } from "prisma/config";

// Prisma 7 keeps connection details out of the schema. The portal opens its own
// connection (lib/db/client.ts) through a driver adapter, so the CLI only needs the schema.
export default defineConfig({
  schema: "prisma/schema.prisma",
});
