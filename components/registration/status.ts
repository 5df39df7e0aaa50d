import type { BadgeTone } from "@/components/ui/badge";

// How revision states read to partners (the state table is in DESIGN.md).
export const STATUS_LABEL: Record<string, string> = {
  DRAFT: "Draft",
  SUBMITTED: "Submitted",
  IN_REVIEW: "In review",
  CHANGES_REQUESTED: "Changes requested",
  APPROVED: "Approved",
  REJECTED: "Rejected",
  WITHDRAWN: "Withdrawn",
};

export const STATUS_TONE: Record<string, BadgeTone> = {
  DRAFT: "neutral",
  SUBMITTED: "info",
  IN_REVIEW: "info",
  CHANGES_REQUESTED: "warning",
  APPROVED: "success",
  REJECTED: "danger",
  WITHDRAWN: "neutral",
};

export const STATUS_EXPLANATION: Record<string, string> = {
  DRAFT: "Not submitted yet. Changes save automatically; submit when every section is complete.",
  SUBMITTED: "Waiting for a platform reviewer to pick it up. You will get an e-mail when it is decided.",
  IN_REVIEW: "A platform reviewer is looking at it now.",
  CHANGES_REQUESTED: "The reviewer asked for changes. Edit the registration and submit it again.",
  APPROVED: "Approved. The configuration is live.",
  REJECTED: "The reviewer rejected this registration. Their reason is below.",
  WITHDRAWN: "You withdrew this submission before it was decided.",
};

export const ENVIRONMENT_LABEL = { STAGING: "Staging", PRODUCTION: "Production" } as const;
