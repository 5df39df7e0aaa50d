// The scopes a client may request, grouped by API, each described as what the app may do for the user.

export type ScopeGroup = { api: string; description: string; scopes: { name: string; description: string }[] };

export const SCOPE_CATALOGUE: ScopeGroup[] = [
  {
    api: "Exports",
    description: "Move expense data into an accounting system through export jobs.",
    scopes: [
      { name: "export-jobs:read", description: "See export jobs and follow their progress." },
      { name: "export-jobs:write", description: "Start export jobs and report back how they went." },
      { name: "export-items:read", description: "Read the expenses and other entries that belong to an export job." },
    ],
  },
  {
    api: "Users",
    description: "The people who use the account.",
    scopes: [
      { name: "users:read", description: "See the people who use the account and their basic profile details." },
      { name: "users:write", description: "Add people to the account and update their details." },
    ],
  },
  {
    api: "Tags",
    description: "Tags that people attach to expenses, such as projects or cost centres.",
    scopes: [
      { name: "tags:read", description: "See tag groups and the tags in them." },
      { name: "tags:write", description: "Create, change and archive tags and tag groups." },
    ],
  },
  {
    api: "Chart of Accounts",
    description: "The bookkeeping accounts that expenses are posted to.",
    scopes: [
      { name: "chart-of-accounts:read", description: "See the list of bookkeeping accounts." },
      { name: "chart-of-accounts:write", description: "Create and update bookkeeping accounts, for example to keep them in sync with your system." },
    ],
  },
  {
    api: "Vendors",
    description: "The suppliers that expenses are paid to.",
    scopes: [
      { name: "vendors:read", description: "See suppliers and their details." },
      { name: "vendors:write", description: "Create and update suppliers." },
    ],
  },
  {
    api: "Tax Codes",
    description: "The VAT and sales tax codes applied to expenses.",
    scopes: [
      { name: "tax-codes:read", description: "See the tax codes and their rates." },
      { name: "tax-codes:write", description: "Create and update tax codes." },
    ],
  },
  {
    api: "Employees",
    description: "Employee records within a company.",
    scopes: [
      { name: "employees:read", description: "See employees and their details, such as name and e-mail address." },
      { name: "employees:write", description: "Create and update employee records." },
    ],
  },
  {
    api: "Companies",
    description: "The companies that make up an account or organisation.",
    scopes: [
      { name: "companies:read", description: "See company details such as name, address and registration number." },
      { name: "companies:write", description: "Update company details." },
    ],
  },
];

export const ALL_SCOPES: readonly string[] = SCOPE_CATALOGUE.flatMap((g) => g.scopes.map((s) => s.name));

const DESCRIPTIONS = new Map<string, string>(SCOPE_CATALOGUE.flatMap((g) => g.scopes.map((s) => [s.name, s.description] as const)));

/** Scopes are written resource:permission, both parts lower-case words joined by hyphens. */
export const SCOPE_FORMAT = /^[a-z0-9]+(?:-[a-z0-9]+)*:[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function isKnownScope(name: string): boolean {
  return DESCRIPTIONS.has(name);
}

export function scopeDescription(name: string): string | undefined {
  return DESCRIPTIONS.get(name);
}

/** Groups whose API name, or any scope name or description, contains the query (case-insensitive). */
export function searchScopes(query: string): typeof SCOPE_CATALOGUE {
  const q = query.trim().toLowerCase();
  if (!q) return SCOPE_CATALOGUE;
  const out: ScopeGroup[] = [];
  for (const group of SCOPE_CATALOGUE) {
    if (group.api.toLowerCase().includes(q)) {
      out.push(group);
      continue;
    }
    const scopes = group.scopes.filter((s) => s.name.includes(q) || s.description.toLowerCase().includes(q));
    if (scopes.length > 0) out.push({ ...group, scopes });
  }
  return out;
}
