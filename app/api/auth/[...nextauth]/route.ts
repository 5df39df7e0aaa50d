// GET|POST /api/auth/* — Auth.js (session, CSRF, sign-out, staff single sign-on callbacks)
import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth/auth";
import { withDefaultCsp } from "@/lib/http/route-csp";

export const GET = async (request: NextRequest) => withDefaultCsp(await handlers.GET(request));
export const POST = async (request: NextRequest) => withDefaultCsp(await handlers.POST(request));
