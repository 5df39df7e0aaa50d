// Any method on an /api/ address no other route handler answers: 404 JSON (lib/http/route.ts unknownAddress).
import { unknownAddress } from "@/lib/http/route";

export const GET = unknownAddress;
export const POST = unknownAddress;
export const PUT = unknownAddress;
export const PATCH = unknownAddress;
export const DELETE = unknownAddress;
