// GET|POST /api/auth/* — Auth.js (session, CSRF, sign-out, staff single sign-on callbacks)
import { handlers } from "@/lib/auth/auth";

export const { GET, POST } = handlers;
