import type { GuardrailResult, PostureSource } from '@pavedroad/guardrails-core/model';

/** The latest posture evidence one source gave one entity. Times are epoch ms. */
export interface EntitySourceRecord {
  entityRef: string;
  sourceKey: string;
  kind: PostureSource;
  reportId: string;
  scannedAt: number;
  receivedAt: number;
  repository?: string;
  commit?: string;
  ref?: string;
  partial: boolean;
  errorCount: number;
  guardrails: GuardrailResult[];
}
