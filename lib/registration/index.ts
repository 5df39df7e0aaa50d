// Public API of the registration rules: pure, for browser components, server actions and the JSON API.
export * from "./fields";
export { ALL_SCOPES, isKnownScope, SCOPE_CATALOGUE, SCOPE_FORMAT, scopeDescription, searchScopes, type ScopeGroup } from "./scopes";
export { brandMessage, usesBrand } from "./brand";
export { checkWebUrl, isLoopbackHost, linkableUrl, MAX_URL_LENGTH } from "./urls";
export {
  checkRedirectUri,
  hostsDifferWarning,
  isLoopbackRedirect,
  isPostmanRedirect,
  redirectUriWarnings,
  type RedirectContext,
  type Warning,
} from "./redirect-uris";
export { checkClientName, checkContact, checkLogoId, checkPkce, checkScope, LIMITS, LOGO_REQUIRED, type PkceProblem } from "./rules";
export {
  draftSchema,
  DRAFT_MAX_ITEMS,
  DRAFT_MAX_STRING,
  registrationWarnings,
  sectionStatus,
  strictSchema,
  validateRegistration,
  type RuleContext,
  type StrictSchema,
  type ValidationResult,
} from "./schema";
export {
  fieldErrorsToManifest,
  MANIFEST_FIELD,
  parseManifest,
  toManifest,
  type Manifest,
  type ManifestErrorCode,
  type ParseManifestOptions,
  type ParseManifestResult,
} from "./manifest";
