// The baseline: a bare Next.js app built and served in the same run, with the portal's own
// node_modules (same Next.js, React and bundler). It holds a page ("<h1>Hello</h1>") and a
// route handler (PUT /api/bare: parse the JSON body, answer JSON), so the portal itself gains no
// public endpoint for benchmarking.
import { mkdirSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./portal.mjs";
import { freePort, launch, runToEnd, waitForServer } from "./processes.mjs";

const NEXT_BIN = path.join(ROOT, "node_modules/next/dist/bin/next");

function commonAncestor(a, b) {
  const pa = path.resolve(a).split(path.sep);
  const pb = path.resolve(b).split(path.sep);
  let i = 0;
  while (i < pa.length && i < pb.length && pa[i] === pb[i]) i++;
  return pa.slice(0, i).join(path.sep) || path.sep;
}

const FILES = {
  "package.json": JSON.stringify({ name: "bare-next-app", private: true }, null, 2) + "\n",
  "tsconfig.json":
    JSON.stringify(
      {
        compilerOptions: {
          target: "ES2022",
          lib: ["dom", "dom.iterable", "esnext"],
          skipLibCheck: true,
          strict: true,
          noEmit: true,
          esModuleInterop: true,
          module: "esnext",
          moduleResolution: "bundler",
          resolveJsonModule: true,
          isolatedModules: true,
          jsx: "react-jsx",
          plugins: [{ name: "next" }],
        },
        include: ["next-env.d.ts", "**/*.ts", "**/*.tsx"],
        exclude: ["node_modules"],
      },
      null,
      2,
    ) + "\n",
  "app/layout.tsx": `import type { ReactNode } from "react";

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
`,
  "app/page.tsx": `export default function Page() {\n  return <h1>Hello</h1>;\n}\n`,
  "app/api/bare/route.ts": `export const dynamic = "force-dynamic";

export async function PUT(request: Request) {
  const body = (await request.json()) as { version?: number };
  return Response.json({ ok: true, version: (body.version ?? 0) + 1 });
}
`,
};

function writeBareApp(dir) {
  for (const [file, text] of Object.entries(FILES)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  // Turbopack compiles nothing outside its root and node_modules is a symlink to the portal's,
  // so the root must be a folder holding both (often "/").
  const turbopackRoot = commonAncestor(dir, realpathSync(path.join(ROOT, "node_modules")));
  writeFileSync(path.join(dir, "next.config.js"), `module.exports = { turbopack: { root: ${JSON.stringify(turbopackRoot)} } };\n`);
  symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
}

/** Builds the bare app in work/bare-app and serves it on a free port. */
export async function startBare(work, log = () => {}) {
  const dir = path.join(work, "bare-app");
  writeBareApp(dir);
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  delete env.NODE_ENV; // next build / next start choose production themselves
  const logFile = path.join(work, "bare.log");
  log(`building the bare Next.js app in ${dir}`);
  const buildStart = Date.now();
  await runToEnd(launch("bare Next.js build", process.execPath, [NEXT_BIN, "build"], { cwd: dir, env, logFile }), 5 * 60_000, "Building the bare Next.js app");
  const buildMs = Date.now() - buildStart;
  const buildSeconds = Math.round(buildMs / 1000);
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const startedAt = Date.now();
  const server = launch("bare Next.js server", process.execPath, [NEXT_BIN, "start", "-p", String(port)], { cwd: dir, env, logFile });
  // Check the body too, so a stranger's server that took the port is never measured.
  await waitForServer(server, `${url}/`, 60_000, async (response) => (await response.text()).includes("<h1>Hello</h1>"));
  const readySeconds = (Date.now() - startedAt) / 1000;
  log(`bare app on ${url}`);
  return { url, port, server, buildSeconds, buildMs, readySeconds, routeUrl: `${url}/api/bare` };
}
