import { z } from "zod";
import { FIELD_NAMES, type FieldName } from "@/lib/registration/fields";

// Shared by the admin forms, their server actions and the JSON API.

const fieldNameSchema = z.enum(FIELD_NAMES as [FieldName, ...FieldName[]], { message: "Unknown field." });

export const claimSchema = z.object({
  registrationId: z.uuid("Unknown registration."),
  revision: z.coerce.number().int().min(1),
  takeOver: z.boolean().optional(),
});

export const decisionSchema = z.object({
  registrationId: z.uuid("Unknown registration."),
  revision: z.coerce.number().int().min(1),
  decision: z.enum(["approve", "request_changes", "reject"], { message: "Choose approve, request changes or reject." }),
  note: z.string().trim().max(4000, "Keep it under 4,000 characters.").optional(),
  comments: z
    .array(z.object({ field: fieldNameSchema.nullable(), body: z.string().trim().max(2000, "Keep each comment under 2,000 characters.") }))
    .max(30, "At most 30 comments at once.")
    .default([]),
});

export const commentSchema = z.object({
  registrationId: z.uuid("Unknown registration."),
  revision: z.coerce.number().int().min(1),
  field: fieldNameSchema.nullable().optional(),
  body: z.string().trim().min(1, "Write the comment first.").max(2000, "Keep it under 2,000 characters."),
});
