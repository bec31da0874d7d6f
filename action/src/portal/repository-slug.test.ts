import { describe, expect, it } from '@jest/globals';
import { isRepositorySlug } from './repository-slug';

describe('isRepositorySlug', () => {
  it.each(['acme/payments-api', 'Acme-Corp/web.site', 'octo/.github', 'a/b', 'my_org/repo_1'])('accepts %s', (slug) => {
    expect(isRepositorySlug(slug)).toBe(true);
  });

  it.each([
    ['payments-api', 'no owner'],
    ['acme/payments/api', 'a path, not a slug'],
    ['https://github.com/acme/payments', 'a URL'],
    ['acme/', 'no repository name'],
    ['/payments', 'no owner'],
    ['acme/..', 'a relative path segment'],
    ['acme/pay ments', 'a space'],
    ['-acme/payments', 'an owner starting with a hyphen'],
  ])('refuses %s (%s)', (slug) => {
    expect(isRepositorySlug(slug)).toBe(false);
  });
});
