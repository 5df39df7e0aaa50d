import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

// What the authorization matrix must cover, found in the sources and the build rather than
// listed by hand: every page.tsx and route.ts under app/, every Pages Router API route, and
// every export of a "use server" module, cross-checked with the build's server-reference
// manifest (which gives each action its id). Paths are relative to the project root, where
// Playwright runs.

/** Every file under a folder, recursively, as posix paths relative to the root. */
function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = path.posix.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

/**
 * The URL pattern of an App Router file: route groups "(x)" do not appear in the URL, dynamic
 * segments keep their [name]. Parallel (@slot) and intercepting ((.)x) routes would need more
 * thought, so they stop the test instead of being mapped wrongly.
 */
export function urlPattern(file: string): string {
  const segments = path.posix.dirname(file).split("/").slice(1); // without "app"
  const kept = segments.filter((s) => {
    if (s.startsWith("@") || /^\(\.+\)/.test(s))
      throw new Error(`${file}: parallel or intercepting routes are not mapped by the matrix's discovery yet; extend e2e/support/matrix-discovery.ts`);
    return !(s.startsWith("(") && s.endsWith(")"));
  });
  return "/" + kept.join("/");
}

export type DiscoveredPage = { file: string; pattern: string };
export type DiscoveredRoute = { file: string; pattern: string; methods: string[] };

export function discoverPages(): DiscoveredPage[] {
  return walk("app")
    .filter((f) => /\/page\.(tsx|ts|jsx|js|mdx)$/.test(f))
    .map((file) => ({ file, pattern: urlPattern(file) }))
    .sort((a, b) => a.pattern.localeCompare(b.pattern));
}

const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

/** Route handlers and the HTTP methods each one exports. */
export function discoverRouteHandlers(): DiscoveredRoute[] {
  return walk("app")
    .filter((f) => /\/route\.(ts|js)$/.test(f))
    .map((file) => {
      const source = readFileSync(file, "utf8");
      const methods = HTTP_METHODS.filter((m) => new RegExp(`export\\s+(?:const|(?:async\\s+)?function)\\s+${m}\\b`).test(source));
      if (/export\s*\{/.test(source))
        throw new Error(`${file}: "export { ... }" is not read by the matrix's discovery; extend e2e/support/matrix-discovery.ts`);
      return { file, pattern: urlPattern(file), methods };
    })
    .sort((a, b) => a.pattern.localeCompare(b.pattern));
}

/** Pages Router files: API routes (reached through rewrites) and, should one appear, pages. */
export function discoverPagesRouter(): { apiRoutes: string[]; pages: string[] } {
  const files = walk("pages").filter((f) => /\.(tsx|ts|jsx|js)$/.test(f) && !/\/_(app|document|error)\./.test(f));
  return { apiRoutes: files.filter((f) => f.startsWith("pages/api/")).sort(), pages: files.filter((f) => !f.startsWith("pages/api/")).sort() };
}

/** A module whose first statement is the "use server" directive (comments may come first). */
function isUseServerModule(source: string): boolean {
  const body = source.replace(/^(\s*(\/\/[^\n]*\n|\/\*[\s\S]*?\*\/))*\s*/, "");
  return /^["']use server["']/.test(body);
}

export type DiscoveredAction = { key: string; file: string; name: string };

/** Every export of every "use server" module in the app's source folders, as "file#name". */
export function discoverActionExports(): { actions: DiscoveredAction[]; inlineDirectives: string[] } {
  const files = ["app", "lib", "components"].flatMap(walk).filter((f) => /\.(tsx?|jsx?)$/.test(f) && !f.startsWith("lib/generated/"));
  const actions: DiscoveredAction[] = [];
  const inlineDirectives: string[] = [];
  for (const file of files) {
    const source = readFileSync(file, "utf8");
    if (!isUseServerModule(source)) {
      // An inline "use server" inside a function makes an action too; the manifest check names it.
      if (/^\s+["']use server["'];?\s*$/m.test(source)) inlineDirectives.push(file);
      continue;
    }
    if (/export\s*(\{|\*|default\b)/.test(source))
      throw new Error(
        `${file}: re-exports and default exports of "use server" modules are not read by the matrix's discovery; extend e2e/support/matrix-discovery.ts`,
      );
    for (const m of source.matchAll(/export\s+(?:const|let|(?:async\s+)?function)\s+([A-Za-z_$][\w$]*)/g)) {
      actions.push({ key: `${file}#${m[1]}`, file, name: m[1]! });
    }
  }
  return { actions: actions.sort((a, b) => a.key.localeCompare(b.key)), inlineDirectives };
}

type ManifestEntry = { filename?: string; exportedName?: string; workers: Record<string, unknown> };
export type ManifestAction = { id: string; key: string; runtime: string; workers: string[] };

/** The server actions the build exposes: id, "file#name", and the pages that bundle them. */
export function readActionManifest(file = ".next/server/server-reference-manifest.json"): ManifestAction[] {
  if (!existsSync(file)) throw new Error(`${file} is missing: the matrix needs the production build that Playwright's web server makes (npm start builds it).`);
  const manifest = JSON.parse(readFileSync(file, "utf8")) as Record<string, Record<string, ManifestEntry> | string>;
  const out: ManifestAction[] = [];
  for (const runtime of ["node", "edge"]) {
    const entries = manifest[runtime];
    if (!entries || typeof entries === "string") continue;
    for (const [id, entry] of Object.entries(entries)) {
      out.push({ id, key: `${entry.filename ?? "?"}#${entry.exportedName ?? "?"}`, runtime, workers: Object.keys(entry.workers) });
    }
  }
  return out;
}
