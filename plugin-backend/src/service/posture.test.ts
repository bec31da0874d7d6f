import type { EvidenceRef } from '@pavedroad/guardrails-core/model';
import { computePosture, mergeGuardrail } from './posture';
import type { EntitySourceRecord } from '../store/entity-source-record';

const evidence = (status: EvidenceRef['status'], sourceKey = 'github:acme/app', reason?: string): EvidenceRef => ({
  sourceKey,
  source: sourceKey.startsWith('aws:') ? 'aws' : 'repo',
  status,
  findings: status === 'fail' ? 1 : 0,
  reportId: 'r1',
  scannedAt: '2026-11-20T00:00:00.000Z',
  ...(reason ? { reason } : {}),
});

describe('mergeGuardrail', () => {
  it('fails on open findings whatever the sources said', () => {
    expect(mergeGuardrail([evidence('pass')], 2)).toEqual({ status: 'fail' });
  });

  it('stays unknown while any source could not decide, naming each source and reason', () => {
    expect(mergeGuardrail([evidence('pass'), evidence('unknown', 'aws:111122223333', 'iam:GenerateCredentialReport denied')], 0)).toEqual({
      status: 'unknown',
      reason: 'aws:111122223333: iam:GenerateCredentialReport denied',
    });
  });

  it('passes a failure whose findings were all triaged, and says so', () => {
    expect(mergeGuardrail([evidence('fail')], 0)).toEqual({ status: 'pass', reason: 'every finding is suppressed or accepted' });
  });

  it('is unknown, never pass, when no source evaluated it', () => {
    expect(mergeGuardrail([], 0)).toEqual({ status: 'unknown', reason: 'not evaluated by any source yet' });
  });

  it('is not applicable only when every source says so', () => {
    expect(mergeGuardrail([evidence('not-applicable', 'github:acme/app', 'no Terraform or CloudFormation')], 0)).toEqual({
      status: 'not-applicable',
      reason: 'no Terraform or CloudFormation',
    });
    expect(mergeGuardrail([evidence('not-applicable'), evidence('pass', 'aws:111122223333')], 0)).toEqual({ status: 'pass' });
  });
});

describe('computePosture', () => {
  const source = (key: string, results: EntitySourceRecord['guardrails']): EntitySourceRecord => ({
    entityRef: 'component:default/app',
    sourceKey: key,
    kind: key.startsWith('aws:') ? 'aws' : 'repo',
    reportId: key,
    scannedAt: 0,
    receivedAt: 0,
    partial: false,
    errorCount: 0,
    guardrails: results,
  });

  it('combines a repository and an AWS account into one scorecard with evidence from each', () => {
    const posture = computePosture(
      [
        source('github:acme/app', [{ id: 'no-leaked-secrets', status: 'pass', findings: 0 }, { id: 'imdsv2-enforced', status: 'pass', findings: 0 }]),
        source('aws:111122223333', [{ id: 'imdsv2-enforced', status: 'fail', findings: 1 }]),
      ],
      [{ guardrail: 'imdsv2-enforced', severity: 'high', count: 1 }],
    );
    expect(posture.statuses['no-leaked-secrets']).toBe('pass');
    expect(posture.statuses['imdsv2-enforced']).toBe('fail');
    expect(posture.evidence['imdsv2-enforced']?.evidence.map((e) => [e.sourceKey, e.status])).toEqual([
      ['github:acme/app', 'pass'],
      ['aws:111122223333', 'fail'],
    ]);
    expect(posture.scorecard.guardrails.find((g) => g.id === 'imdsv2-enforced')).toMatchObject({ status: 'fail', worstSeverity: 'high', findings: 1 });
    // A high finding caps the grade at C.
    expect(['C', 'D', 'F']).toContain(posture.scorecard.grade);
    // Guardrails no source evaluated are unknown: the service is not gold by default.
    expect(posture.statuses['k8s-api-private']).toBe('unknown');
  });

  it('does not fail a guardrail on info findings', () => {
    const posture = computePosture([source('github:acme/app', [{ id: 'ci-hardened', status: 'pass', findings: 0 }])], [{ guardrail: 'ci-hardened', severity: 'info', count: 3 }]);
    expect(posture.statuses['ci-hardened']).toBe('pass');
  });
});
