import "server-only";
import { env } from "@/lib/env";
import { portalCallbackUri, type Environment } from "@/lib/registration/fields";
import type { RuleContext } from "@/lib/registration/schema";

/** The validation context for a registration in `environment`, from configuration. */
export function ruleContext(environment: Environment): RuleContext {
  return { environment, brand: env().brandName, portalCallback: portalCallbackUri(env().appUrl) };
}
