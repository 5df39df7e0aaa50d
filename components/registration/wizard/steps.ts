// Plain data shared by the wizard page (server) and the wizard (client).
export type StepId = "human" | "platform" | "technical" | "review";

export const STEPS: { id: StepId; title: string; short: string }[] = [
  { id: "human", title: "Human-readable information", short: "Human-readable" },
  { id: "platform", title: "Platform-specific information", short: "Platform-specific" },
  { id: "technical", title: "Technical information", short: "Technical" },
  { id: "review", title: "Review and submit", short: "Review" },
];

export function isStepId(value: string): value is StepId {
  return STEPS.some((s) => s.id === value);
}
