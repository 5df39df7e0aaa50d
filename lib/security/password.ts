// Password hashing with scrypt (memory-hard, in node:crypto). Stored as
// scrypt$<log2 N>$<r>$<p>$<salt>$<hash>, so the cost can be raised later and old hashes
// still verify.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

const LOG_N = 15; // N = 32768, r = 8: 32 MiB per hash
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, logN: number, r: number, p: number): Promise<Buffer> {
  const options: ScryptOptions = { N: 2 ** logN, r, p, maxmem: 128 * 2 ** logN * r * 2 };
  return new Promise((resolve, reject) => scrypt(password.normalize("NFKC"), salt, KEY_LENGTH, options, (err, key) => (err ? reject(err) : resolve(key))));
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, LOG_N, R, P);
  return ["scrypt", LOG_N, R, P, salt.toString("base64url"), key.toString("base64url")].join("$");
}

// Verifying against this when there is no account keeps response times alike, so timing
// does not reveal which e-mail addresses have accounts.
let dummyHash: Promise<string> | undefined;

export async function verifyPassword(password: string, stored: string | null | undefined): Promise<boolean> {
  const target = stored ?? (await (dummyHash ??= hashPassword("not-a-real-password")));
  const parts = target.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const [logN, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  // Bounds keep a tampered hash from making one verification allocate gigabytes.
  if (![logN, r, p].every(Number.isInteger) || logN < 10 || logN > 17 || r < 1 || r > 16 || p < 1 || p > 4) {
    return false;
  }
  const expected = Buffer.from(parts[5]!, "base64url");
  const actual = await derive(password, Buffer.from(parts[4]!, "base64url"), logN, r, p);
  return expected.length === actual.length && timingSafeEqual(expected, actual) && stored != null;
}
