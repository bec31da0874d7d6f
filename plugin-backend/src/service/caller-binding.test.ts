import { decideBinding, repositoryOfOidcSubject } from './caller-binding';

describe('decideBinding', () => {
  const bindings = [
    { subject: 'guardrails-ci', repositories: ['acme/payments-api', 'tools/*'] },
    { subject: 'plugin:scanner', repositories: ['*'] },
  ];

  it('binds a GitHub OIDC caller to the repository in its subject, whatever the prefix', () => {
    expect(decideBinding('external:github:repo:Acme/Payments-API:ref:refs/heads/main', 'acme/payments-api', [])).toEqual({ allowed: true });
    expect(decideBinding('external:repo:acme/payments-api:pull_request', 'acme/payments-api', [])).toEqual({ allowed: true });
  });

  it('refuses a GitHub OIDC caller pushing for another repository', () => {
    expect(decideBinding('external:github:repo:acme/web:ref:refs/heads/main', 'acme/payments-api', bindings)).toEqual({
      allowed: false,
      reason: 'the GitHub OIDC token is for acme/web, not acme/payments-api',
    });
  });

  it('allows a static-token subject only for its configured repositories and owner wildcards', () => {
    expect(decideBinding('guardrails-ci', 'Acme/Payments-Api', bindings)).toEqual({ allowed: true });
    expect(decideBinding('guardrails-ci', 'tools/linter', bindings)).toEqual({ allowed: true });
    expect(decideBinding('guardrails-ci', 'acme/web', bindings)).toEqual({ allowed: false, reason: 'caller guardrails-ci is not bound to acme/web' });
    expect(decideBinding('plugin:scanner', 'any/repo', bindings)).toEqual({ allowed: true });
  });

  it('refuses a caller with no binding at all and says how to bind it', () => {
    const decision = decideBinding('someone-else', 'acme/payments-api', bindings);
    expect(decision.allowed).toBe(false);
    expect(decision).toMatchObject({ reason: expect.stringContaining('guardrails.ingest.bindings') });
  });

  it('reads the repository of GitHub OIDC subjects only', () => {
    expect(repositoryOfOidcSubject('external:github:repo:o/r:environment:prod')).toBe('o/r');
    expect(repositoryOfOidcSubject('guardrails-ci')).toBeUndefined();
  });
});
