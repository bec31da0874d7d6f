import { describe, expect, it } from '@jest/globals';
import { portalBaseUrl } from './portal-url';

describe('portalBaseUrl', () => {
  it.each([
    ['https://portal.example.com', 'https://portal.example.com'],
    ['https://portal.example.com/', 'https://portal.example.com'],
    ['https://example.com/backstage//', 'https://example.com/backstage'],
    ['  http://localhost:7007 ', 'http://localhost:7007'],
  ])('takes %j as %s', (value, base) => {
    expect(portalBaseUrl(value)).toBe(base);
  });

  it.each([
    ['portal.example.com', 'no scheme'],
    ['ftp://portal.example.com', 'not http(s)'],
    ['https://user:secret@portal.example.com', 'credentials in the URL'],
    ['https://portal.example.com/?token=x', 'a query'],
    ['https://portal.example.com/#reports', 'a fragment'],
  ])('refuses %j (%s)', (value) => {
    expect(portalBaseUrl(value)).toBeUndefined();
  });
});
