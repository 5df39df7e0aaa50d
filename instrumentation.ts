// Runs once when the server starts. The Node.js-only work lives in instrumentation-node.ts so
// that no Edge bundle includes it.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") await import("./instrumentation-node");
}
