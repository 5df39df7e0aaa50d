// People of the sandbox's demo company who can sign in at the embedded authorization server
// (its own sign-in page), so a partner can run the whole flow without a real account.
// Listed in the README.

export type SandboxAccount = { id: string; email: string; name: string; company: string; password: string };

export const SANDBOX_PASSWORD = "sandbox-demo-2026";

export const SANDBOX_ACCOUNTS: SandboxAccount[] = [
  { id: "sandbox-user-alex", email: "alex@demo-company.example", name: "Alex Demo", company: "Demo Company ApS", password: SANDBOX_PASSWORD },
  { id: "sandbox-user-sam", email: "sam@demo-company.example", name: "Sam Sample", company: "Demo Company ApS", password: SANDBOX_PASSWORD },
];

export function findSandboxAccount(id: string): SandboxAccount | undefined {
  return SANDBOX_ACCOUNTS.find((a) => a.id === id);
}

export function checkSandboxLogin(email: string, password: string): SandboxAccount | undefined {
  const account = SANDBOX_ACCOUNTS.find((a) => a.email === email.trim().toLowerCase());
  return account && account.password === password ? account : undefined;
}
