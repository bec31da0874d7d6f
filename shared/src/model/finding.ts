import { z } from 'zod';
import { GUARDRAIL_IDS } from './guardrail-id';
import { SEVERITIES } from './severity';

export const severitySchema = z.enum(SEVERITIES as unknown as readonly ['critical', 'high', 'medium', 'low', 'info']);
export const guardrailIdSchema = z.enum(GUARDRAIL_IDS);

/** How sure the rule is that this is a real problem. */
export const confidenceSchema = z.enum(['high', 'medium', 'low']);
export type Confidence = z.infer<typeof confidenceSchema>;

/** Where the evidence came from: a pull request diff, a full repository scan, or a live cloud scan. */
export const findingSourceSchema = z.enum(['pr', 'repo', 'aws']);
export type FindingSource = z.infer<typeof findingSourceSchema>;

const position = z.number().int().min(1);

/** A span in a file. Paths are POSIX and relative to the scan root; lines and columns start at 1. */
export const locationSchema = z
  .object({
    path: z.string().min(1),
    startLine: position,
    startColumn: position,
    endLine: position,
    endColumn: position,
  })
  .refine((l) => l.endLine > l.startLine || (l.endLine === l.startLine && l.endColumn >= l.startColumn), {
    message: 'the end must not come before the start',
  });
export type Location = z.infer<typeof locationSchema>;

/** A live cloud resource, for findings that have no file. */
export const resourceRefSchema = z.object({
  provider: z.enum(['aws', 'gcp', 'azure']),
  account: z.string().optional(),
  region: z.string().optional(),
  id: z.string().min(1),
});
export type ResourceRef = z.infer<typeof resourceRefSchema>;

export const remediationSchema = z.object({
  /** What to do about this finding. */
  text: z.string(),
  /** The paved-road way never to meet it again. */
  pavedRoad: z.string(),
});
export type Remediation = z.infer<typeof remediationSchema>;

/** Why a finding does not count against its guardrail. */
export const suppressionSchema = z.object({
  kind: z.enum(['inline', 'config', 'baseline']),
  reason: z.string().min(1),
  /** ISO date (YYYY-MM-DD) after which the suppression no longer applies. */
  expires: z.string().optional(),
});
export type Suppression = z.infer<typeof suppressionSchema>;

/** One problem found by one rule. Evidence is always redacted: the raw secret never leaves the scanner. */
export const findingSchema = z
  .object({
    ruleId: z.string().min(1),
    guardrail: guardrailIdSchema,
    severity: severitySchema,
    confidence: confidenceSchema,
    title: z.string(),
    message: z.string(),
    location: locationSchema.optional(),
    resource: resourceRefSchema.optional(),
    /** Stable across line moves: hash of rule, path or resource, and the secret's hash, never the line. */
    fingerprint: z.string().min(8),
    /** Redacted evidence, e.g. `AKIA…(20 chars)`. */
    evidence: z.string(),
    remediation: remediationSchema,
    references: z.array(z.string()),
    source: findingSourceSchema,
    /** The commit that introduced the finding (history scans). */
    commit: z.string().optional(),
    /** Structured facts about the finding (e.g. `keyKind: long-lived`); never secret values. */
    properties: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
    suppression: suppressionSchema.optional(),
  })
  .refine((f) => f.location !== undefined || f.resource !== undefined, {
    message: 'a finding needs a location or a resource',
  });
export type Finding = z.infer<typeof findingSchema>;
