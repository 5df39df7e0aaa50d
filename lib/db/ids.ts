/** Ids are UUIDs; anything else cannot name a row, so callers answer 404 without a query. */
export function isUuid(value: unknown): value is string {
  return typeof value === "string" && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

/** A page number from a query string: a whole number from 1 to 100,000, else 1. */
export function safePage(value: number | undefined): number {
  return value !== undefined && Number.isFinite(value) ? Math.min(100_000, Math.max(1, Math.floor(value))) : 1;
}
