// Shared by the browser and the server; the hashing itself lives in password.ts (server only).
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200; // bounds the hashing work one request can cause
