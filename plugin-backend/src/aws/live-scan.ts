import type { Finding, GuardrailResult } from '@pavedroad/guardrails-core/model';

/** The part of a live account scan the portal files (the core's `AwsScanResult`). */
export interface LiveScan {
  accountId: string;
  startedAt: string;
  durationMs: number;
  partial: boolean;
  findings: Finding[];
  guardrails: GuardrailResult[];
  errors: { service: string; operation: string; region?: string; message: string; code?: string }[];
}

export interface LiveScanTarget {
  accountId: string;
  roleArn?: string;
  externalId?: string;
  regions?: string[];
}

/** Runs one account's live scan (the core's `scanAwsAccount`, injected so tests can point it at msw). */
export type AccountScanner = (request: { target: LiveScanTarget; now: Date; timeLimitMs: number; signal?: AbortSignal; tagKeys: string[] }) => Promise<LiveScan>;
