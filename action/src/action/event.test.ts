import { describe, expect, it } from '@jest/globals';
import { runningWorkflowFile } from './event';

describe('the running workflow', () => {
  it('is the file of GITHUB_WORKFLOW_REF, without owner, repository and ref', () => {
    expect(runningWorkflowFile({ GITHUB_WORKFLOW_REF: 'acme/payments/.github/workflows/deploy.yml@refs/heads/main' })).toBe('.github/workflows/deploy.yml');
    expect(runningWorkflowFile({ GITHUB_WORKFLOW_REF: 'acme/payments/.github/workflows/ci.yml@refs/pull/7/merge' })).toBe('.github/workflows/ci.yml');
    expect(runningWorkflowFile({})).toBeUndefined();
  });
});
