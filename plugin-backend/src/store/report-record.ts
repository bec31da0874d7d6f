import type { GuardrailResult } from '@pavedroad/guardrails-core/model';

/** A received report (posture, pull request or unclaimed). Times are epoch ms. */
export interface ReportRecord {
  id: string;
  sourceKey: string;
  kind: 'repo' | 'pr' | 'aws';
  scope: 'full' | 'diff';
  posture: boolean;
  repository?: string;
  accountId?: string;
  ref?: string;
  commit?: string;
  base?: string;
  scannedAt: number;
  receivedAt: number;
  submittedBy: string;
  findingCount: number;
  errorCount: number;
  partial: boolean;
  guardrails: GuardrailResult[];
  entityRefs: string[];
  claimed: boolean;
  /** The validated, redacted report, kept while no entity claims it. */
  body?: string;
}
