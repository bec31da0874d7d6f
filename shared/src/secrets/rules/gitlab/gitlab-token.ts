import { ALPHABETS, fakeSecret } from '../../fake-secret';
import { defineSecretRule } from '../../secret-rule';

// Token prefixes from GitLab's "Token overview" docs.
const KINDS: readonly [RegExp, string][] = [
  [/^glpat-/, 'personal access token'],
  [/^gldt-/, 'deploy token'],
  [/^glft-/, 'feed token'],
  [/^glsoat-/, 'service account token'],
  [/^glrtr?-/, 'runner authentication token'],
  [/^glcbt-/, 'CI/CD job token'],
  [/^glimt-/, 'incoming mail token'],
  [/^glagent-/, 'agent for Kubernetes token'],
  [/^gloas-/, 'OAuth application secret'],
  [/^glffct-/, 'feature flags client token'],
  [/^glptt-/, 'pipeline trigger token'],
  [/^GR1348941/, 'runner registration token'],
];

const token = (seed: string, prefix = 'glpat-') => prefix + fakeSecret(seed, ALPHABETS.base64url, 20);

export const gitlabToken = defineSecretRule({
  id: 'gitlab-token',
  title: 'GitLab token',
  provider: 'GitLab',
  description: 'A GitLab personal, deploy, runner, CI job, trigger or other token.',
  severity: 'critical',
  confidence: 'high',
  keywords: ['glpat-', 'gldt-', 'glft-', 'glsoat-', 'glrt-', 'glrtr-', 'glcbt-', 'glimt-', 'glagent-', 'gloas-', 'glffct-', 'glptt-', 'gr1348941'],
  pattern:
    /(?<![A-Za-z0-9_-])(?<secret>(?:glpat|gldt|glft|glsoat|glrtr|glrt|glcbt|glimt|glagent|gloas|glffct)-[A-Za-z0-9_.-]{19,299}[A-Za-z0-9_-]|glptt-[0-9a-f]{40}|GR1348941[A-Za-z0-9_-]{20,64})(?![A-Za-z0-9_-])/,
  minEntropy: 3,
  visiblePrefix: 6,
  prefixLength: 6,
  inspect(match) {
    const kind = KINDS.find(([re]) => re.test(match.secret))?.[1] ?? 'token';
    return { data: { kind }, properties: { tokenKind: kind } };
  },
  message: 'A GitLab {{kind}} is committed ({{evidence}}). Revoke it in GitLab and keep tokens in CI/CD variables.',
  remediation: {
    text: 'Revoke or rotate the token in GitLab (user, project or runner settings) and review the audit events.',
    pavedRoad: 'Use masked, protected CI/CD variables and `CI_JOB_TOKEN` with job token scopes.',
  },
  anchors: { gitleaks: ['gitlab-pat', 'gitlab-runner-authentication-token', 'gitlab-ptt', 'gitlab-cicd-job-token', 'gitlab-rrt'], secretlint: ['gitlab'], trufflehog: ['Gitlab'] },
  references: ['https://docs.gitlab.com/security/tokens/'],
  examples: {
    leaks: [`GITLAB_TOKEN=${token('l1')}`, `token = "${token('l2', 'glrt-')}"`, `--registration-token GR1348941${fakeSecret('l3', ALPHABETS.base64url, 20)}`],
    notLeaks: [{ text: `GITLAB_TOKEN=glpat-${'x'.repeat(20)}`, why: 'a placeholder' }],
  },
});
