import { z } from 'zod';
import { findingSchema, guardrailIdSchema } from './finding';

/** Bumped on any breaking change of the report shape; the portal rejects versions it does not know. */
export const REPORT_SCHEMA_VERSION = '1.0';

export const guardrailStatusSchema = z.enum(['pass', 'fail', 'unknown', 'not-applicable']);
export type GuardrailStatus = z.infer<typeof guardrailStatusSchema>;

export const guardrailResultSchema = z.object({
  id: guardrailIdSchema,
  status: guardrailStatusSchema,
  /** Unsuppressed findings counted against the guardrail. */
  findings: z.number().int().min(0),
  /** Why the status is `unknown` or `not-applicable`. */
  reason: z.string().optional(),
});
export type GuardrailResult = z.infer<typeof guardrailResultSchema>;

export const skippedFileSchema = z.object({
  path: z.string(),
  reason: z.string(),
});
export type SkippedFile = z.infer<typeof skippedFileSchema>;

export const scanErrorSchema = z.object({
  path: z.string().optional(),
  line: z.number().int().min(1).optional(),
  column: z.number().int().min(1).optional(),
  message: z.string(),
});
export type ScanError = z.infer<typeof scanErrorSchema>;

export const reportSchema = z.object({
  schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
  tool: z.object({ name: z.string(), version: z.string() }),
  repository: z
    .object({
      slug: z.string(),
      ref: z.string().optional(),
      commit: z.string().optional(),
      defaultBranch: z.string().optional(),
    })
    .optional(),
  scan: z.object({
    root: z.string(),
    scope: z.enum(['diff', 'full']),
    base: z.string().optional(),
    head: z.string().optional(),
    startedAt: z.iso.datetime({ offset: true }),
    durationMs: z.number().min(0),
    filesScanned: z.number().int().min(0),
    filesSkipped: z.array(skippedFileSchema),
  }),
  findings: z.array(findingSchema),
  guardrails: z.array(guardrailResultSchema),
  errors: z.array(scanErrorSchema),
});
export type Report = z.infer<typeof reportSchema>;
