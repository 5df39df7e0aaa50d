import { describe, expect, it } from "vitest";
import { ALL_SCOPES, SCOPE_CATALOGUE, SCOPE_FORMAT, scopeDescription, searchScopes } from "@/lib/registration/scopes";

describe("scope catalogue", () => {
  it("groups the scopes by API", () => {
    expect(SCOPE_CATALOGUE.map((g) => [g.api, g.scopes.map((s) => s.name)])).toEqual([
      ["Exports", ["export-jobs:read", "export-jobs:write", "export-items:read"]],
      ["Users", ["users:read", "users:write"]],
      ["Tags", ["tags:read", "tags:write"]],
      ["Chart of Accounts", ["chart-of-accounts:read", "chart-of-accounts:write"]],
      ["Vendors", ["vendors:read", "vendors:write"]],
      ["Tax Codes", ["tax-codes:read", "tax-codes:write"]],
      ["Employees", ["employees:read", "employees:write"]],
      ["Companies", ["companies:read", "companies:write"]],
    ]);
    expect(ALL_SCOPES).toHaveLength(17);
    expect(new Set(ALL_SCOPES).size).toBe(17);
  });

  it.each(ALL_SCOPES)("%s is resource:permission and described in plain words", (name) => {
    expect(name).toMatch(SCOPE_FORMAT);
    expect(scopeDescription(name)).toMatch(/^[A-Z].+\.$/);
  });

  it("has no description for unknown scopes", () => {
    expect(scopeDescription("payments:write")).toBeUndefined();
    expect(scopeDescription("")).toBeUndefined();
  });

  it.each([
    ["export", ["Exports"]],
    ["EXPORT-JOBS", ["Exports"]],
    ["tax", ["Tax Codes"]],
    ["suppliers", ["Vendors"]],
    [":write", ["Exports", "Users", "Tags", "Chart of Accounts", "Vendors", "Tax Codes", "Employees", "Companies"]],
    ["no such thing", []],
  ])("searching %j finds %j", (query, apis) => {
    expect(searchScopes(query).map((g) => g.api)).toEqual(apis);
  });

  it("keeps only the matching scopes of a group, or the whole group when its API name matches", () => {
    expect(searchScopes("export-items")[0]?.scopes.map((s) => s.name)).toEqual(["export-items:read"]);
    expect(searchScopes("companies")[0]?.scopes).toHaveLength(2);
    expect(searchScopes("  ")).toEqual(SCOPE_CATALOGUE);
  });
});
