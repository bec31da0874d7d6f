import { it } from '@jest/globals';
import { DEFAULT_CONFIG, FileScanner } from '@pavedroad/guardrails-core';

it('probe', () => {
  const scanner = new FileScanner({ config: DEFAULT_CONFIG, source: 'repo', today: '2026-03-01' });
  for (const [name, unit] of [
    ['type only', '{"type": "service_account"} '],
    ['type+key', '{"type": "service_account", "private_key": "-----BEGIN PRIVATE KEY-----'],
    ['begin only', '-----BEGIN PRIVATE KEY----- x '],
    ['begin+end far', '-----BEGIN PRIVATE KEY----- x '],
    ['secret=', 'secret= ; '],
    ['AKIA', 'AKIA ; abcdefghijABCDEFGHIJ0123456789abcdef '],
  ] as const) {
    for (const mb of [1, 2, 4]) {
      const text = unit.repeat(Math.ceil((mb * 1024 * 1024) / unit.length)) + (name === 'begin+end far' ? '-----END PRIVATE KEY-----' : '');
      const t0 = performance.now();
      const r = scanner.scanText('x.txt', text);
      console.log(name, mb, 'MB', Math.round(performance.now() - t0), 'ms', r.findings.length);
    }
  }
});
