// GET|POST /api/auth/* — Auth.js (session, CSRF, sign-out, staff single sign-on callbacks)
import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth/auth";
import { withRouteHeaders } from "@/lib/http/route-headers";

export const GET = async (request: NextRequest) => withRouteHeaders(await handlers.GET(request));
export const POST = async (request: NextRequest) => withRouteHeaders(await handlers.POST(request));
