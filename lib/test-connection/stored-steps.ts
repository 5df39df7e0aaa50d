// Reading TestRun.steps, the one way. Steps quote other systems' answers and outlive the code
// that wrote them, so a step that does not have today's shape is left out and counted, never
// trusted as it is and never a reason to fail the page that shows the run.
import { z } from "zod";
import { STEP_IDS, type Step } from "./types";

const strings = z.record(z.string(), z.string());
const json = z.record(z.string(), z.unknown());

const stepSchema: z.ZodType<Step> = z.object({
  id: z.enum(STEP_IDS),
  title: z.string(),
  status: z.enum(["passed", "failed", "skipped"]),
  startedAt: z.string(),
  durationMs: z.number(),
  summary: z.string().optional(),
  http: z
    .object({
      request: z.object({ method: z.string(), url: z.string(), headers: strings, body: z.unknown() }),
      response: z.object({ status: z.number(), headers: strings, body: z.unknown() }).optional(),
      networkError: z.string().optional(),
    })
    .optional(),
  tokens: z.array(z.object({ label: z.string(), header: json, payload: json })).optional(),
  scopes: z.object({ requested: z.array(z.string()), granted: z.array(z.string()) }).optional(),
  explanation: z.object({ code: z.string(), problem: z.string(), fix: z.string() }).optional(),
  notes: z.array(z.string()).optional(),
});

export type StoredSteps = {
  steps: Step[];
  /** The steps that could not be read, by position ("step 3"); "all steps" when the value is no list. */
  unreadable: string[];
};

export function readStoredSteps(value: unknown): StoredSteps {
  if (!Array.isArray(value)) return { steps: [], unreadable: value === undefined || value === null ? [] : ["all steps"] };
  const steps: Step[] = [];
  const unreadable: string[] = [];
  value.forEach((item, i) => {
    const read = stepSchema.safeParse(item);
    if (read.success) steps.push(read.data);
    else unreadable.push(`step ${i + 1}`);
  });
  return { steps, unreadable };
}
