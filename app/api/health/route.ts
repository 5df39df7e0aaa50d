// GET /api/health — for load balancers: 200 {"status":"ok"} when the database answers and every migration is applied, else 503 {"status":"unavailable"}
import { NextResponse } from "next/server";
import { isReady } from "@/lib/health";
import { route } from "@/lib/http/route";

// Nothing but the verdict: no versions, names or error text for whoever asks.
export const GET = route("public", {}, async () => {
  const ready = await isReady();
  return NextResponse.json({ status: ready ? "ok" : "unavailable" }, { status: ready ? 200 : 503, headers: { "Cache-Control": "no-store" } });
});
