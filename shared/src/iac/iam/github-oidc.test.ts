import { celConditionPinsRepository, githubClaim, githubSubjectPin, isGithubIssuer } from './github-oidc';

describe('githubClaim', () => {
  it('reads sub and aud keys, including enterprise issuers, ignoring case', () => {
    expect(githubClaim('token.actions.githubusercontent.com:sub')).toBe('sub');
    expect(githubClaim('token.actions.githubusercontent.com/acme:aud')).toBe('aud');
    expect(githubClaim('Token.Actions.GithubUserContent.com:SUB')).toBe('sub');
    expect(githubClaim('token.actions.githubusercontent.com:repository')).toBeUndefined();
    expect(githubClaim('oidc.eks.eu-west-1.amazonaws.com/id/ABC:sub')).toBeUndefined();
  });

  it('recognises the provider in ARNs and issuer URLs', () => {
    expect(isGithubIssuer('arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com')).toBe(true);
    expect(isGithubIssuer('https://token.actions.githubusercontent.com')).toBe(true);
    expect(isGithubIssuer('https://gitlab.com')).toBe(false);
  });
});

describe('githubSubjectPin', () => {
  it.each([
    ['repo:acme/app:ref:refs/heads/main', true, 'pinned'],
    ['repo:acme/app:*', true, 'pinned'],
    ['repo:acme@123/app@456:environment:prod', false, 'pinned'],
    ['repo:acme/*', false, 'pinned'],
    ['repository_owner_id:123:repository_id:456:environment:prod', false, 'pinned'],
    ['*', true, 'unpinned'],
    ['repo:*', true, 'unpinned'],
    ['repo:*/app:*', true, 'unpinned'],
    ['repo:acme/*', true, 'unpinned'],
    ['repo:acme/app-?', true, 'unpinned'],
    ['environment:prod', false, 'unpinned'],
    ['repository_owner:acme:environment:prod', false, 'unpinned'],
    ['custom-claim:value', false, 'unknown'],
  ])('%s (wildcards %s) is %s', (subject, wildcards, state) => {
    expect(githubSubjectPin(subject, wildcards).state).toBe(state);
  });

  it('says why a subject is not pinned', () => {
    expect(githubSubjectPin('repo:acme/*', true)).toEqual({ state: 'unpinned', why: 'the repository is a wildcard: every repository of acme matches' });
  });
});

describe('celConditionPinsRepository', () => {
  it.each([
    ["assertion.repository == 'acme/app'", true],
    ["assertion.repository_owner_id == '123456' && assertion.ref == 'refs/heads/main'", true],
    ["attribute.repository in ['acme/app', 'acme/web']", true],
    ["assertion.repository_owner.startsWith('acme')", true],
    ["assertion.sub == 'repo:acme/app:ref:refs/heads/main'", true],
    ["assertion.ref == 'refs/heads/main'", false],
    ["assertion.repository != 'evil/app'", false],
    ["assertion.sub == 'environment:prod'", false],
  ])('%s pins a repository or owner: %s', (condition, expected) => {
    expect(celConditionPinsRepository(condition)).toBe(expected);
  });
});
