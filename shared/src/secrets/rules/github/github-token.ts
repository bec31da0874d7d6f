import { ALPHABETS, fakeSecret } from '../../fake-secret';
import { defineSecretRule } from '../../secret-rule';

// Token prefixes (GitHub docs, "About authentication to GitHub"): ghp_ classic PAT, gho_ OAuth, ghu_
// user-to-server, ghs_ installation (server-to-server; since 2026 also `ghs_<id>_<JWT>`), ghr_ refresh,
// github_pat_ fine-grained PAT.
const KINDS: Record<string, string> = {
  ghp_: 'classic personal access token',
  gho_: 'OAuth access token',
  ghu_: 'user-to-server token',
  ghs_: 'installation token',
  ghr_: 'refresh token',
  github_pat_: 'fine-grained personal access token',
};

function kindOf(token: string): string {
  return KINDS[token.startsWith('github_pat_') ? 'github_pat_' : token.slice(0, 4)] ?? 'token';
}

const classic = (seed: string, prefix = 'ghp_') => prefix + fakeSecret(seed, ALPHABETS.alnum, 36);

export const githubToken = defineSecretRule({
  id: 'github-token',
  title: 'GitHub token',
  provider: 'GitHub',
  description: 'A GitHub personal access, OAuth, app installation or refresh token.',
  severity: 'critical',
  confidence: 'high',
  keywords: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_'],
  pattern:
    /(?<![A-Za-z0-9_])(?<secret>github_pat_[A-Za-z0-9_]{82}|ghs_[0-9]{1,20}_[A-Za-z0-9_-]{10,4000}\.[A-Za-z0-9_-]{10,4000}\.[A-Za-z0-9_-]{10,1000}|gh[pousr]_[A-Za-z0-9]{36,251})(?![A-Za-z0-9_])/,
  minEntropy: 3,
  visiblePrefix: 4,
  prefixLength: 4,
  inspect(match) {
    const kind = kindOf(match.secret);
    // Installation tokens expire after an hour; the others live until revoked or their set expiry.
    return { data: { kind }, severity: match.secret.startsWith('ghs_') ? 'high' : 'critical', properties: { tokenKind: kind } };
  },
  message:
    'A GitHub {{kind}} is committed ({{evidence}}). It acts as its owner on GitHub: revoke it now, then use the workflow\'s GITHUB_TOKEN or a GitHub App.',
  remediation: {
    text: 'Revoke the token (Settings > Developer settings, or the organisation\'s PAT list) and check the audit log for its use.',
    pavedRoad: 'Use `${{ secrets.GITHUB_TOKEN }}` with least-privilege `permissions:`, or a GitHub App installation token minted per job.',
  },
  anchors: { gitleaks: ['github-pat', 'github-fine-grained-pat', 'github-oauth', 'github-app-token', 'github-refresh-token'], secretlint: ['github'], trufflehog: ['Github'], 'GitHub secret scanning': ['github_personal_access_token'] },
  references: ['https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/about-authentication-to-github#githubs-token-formats'],
  examples: {
    leaks: [
      `GITHUB_TOKEN=${classic('h1')}`,
      `token: "${classic('h2', 'gho_')}"`,
      `const token = '${classic('h3', 'ghs_')}';`,
      `export GH_PAT=github_pat_${fakeSecret('h4', ALPHABETS.alnum, 22)}_${fakeSecret('h4b', ALPHABETS.alnum, 59)}`,
      `refresh = "${classic('h5', 'ghr_')}"`,
    ],
    notLeaks: [
      { text: `token: ghp_${'x'.repeat(36)}`, why: 'a placeholder' },
      { text: 'token: ${{ secrets.GITHUB_TOKEN }}', why: 'a reference to a CI secret' },
      { text: `token = "ghp_${fakeSecret('n3', ALPHABETS.alnum, 20)}"`, why: 'too short for a GitHub token' },
      { text: 'ghp_ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghij', why: 'a sequential placeholder' },
    ],
  },
});
