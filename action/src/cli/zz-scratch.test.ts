import { mkdtempSync, writeFileSync, mkdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from '@jest/globals';
import { ALPHABETS, fakeSecret } from '../../../shared/src/secrets/fake-secret';
import { runCli } from './run-cli';

async function run(dir: string, argv: string[]) {
  let out = '', err = '';
  const io = { cwd: dir, stdout: (t: string) => { out += t; }, stderr: (t: string) => { err += t; }, stdoutIsTTY: false, stderrIsTTY: false, env: {}, now: () => new Date('2026-03-01T12:00:00Z') };
  const code = await runCli(argv, io);
  return { code, out, err };
}
const gh = 'ghp_' + fakeSecret('g', ALPHABETS.alnum, 36);
describe('scratch', () => {
  it('explores', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gr-'));
    writeFileSync(join(dir, 'a.py'), `# guardrails:ignore github-token -- revoked\nt = "${gh}"\n`);
    writeFileSync(join(dir, 'b.js'), `// guardrails:ignore github-token -- revoked\nt = "${gh}x"\n`);
    writeFileSync(join(dir, 'c.md'), `<!-- guardrails:ignore github-token -- revoked -->\n${gh.slice(0,-1)}Q\n`);
    writeFileSync(join(dir, 'd.py'), `# guardrails:ignore github-token\nt = "${gh.slice(0,-1)}Z"\n`);
    writeFileSync(join(dir, 'e.py'), `# guardrails:ignore github-token until 2000-01-01 -- old\nt = "${gh.slice(0,-1)}Y"\n`);
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', '.gitignore'), 'hidden.txt\n');
    writeFileSync(join(dir, 'sub', 'hidden.txt'), `t = "${gh}"\n`);
    writeFileSync(join(dir, 'bin.dat'), Buffer.concat([Buffer.from('x\0y'), Buffer.from(gh)]));
    writeFileSync(join(dir, 'k.p12'), 'abc');
    const outside = mkdtempSync(join(tmpdir(), 'gr-out-'));
    writeFileSync(join(outside, 'x.txt'), `t = "${gh}"\n`);
    symlinkSync(outside, join(dir, 'link'));
    for (const argv of [['scan', '--format', 'json']]) {
      const r = await run(dir, argv);
      const rep = JSON.parse(r.out);
      console.log(argv.join(' '), r.code, JSON.stringify(rep.scan), JSON.stringify(rep.errors), JSON.stringify(rep.findings.map((f: any) => [f.location.path, f.location.startLine, f.ruleId, f.suppression])), r.err);
    }
    const d2 = mkdtempSync(join(tmpdir(), 'gr-'));
    for (const [name, text] of [['unknown', 'failOn: high\nfoo: 1\n'], ['wrongtype', 'ignore:\n  paths: nope\n'], ['badrule', 'rules:\n  nope:\n    severity: low\n'], ['badsize', 'maxFileSize: huge\n']]) {
      writeFileSync(join(d2, '.guardrails.yml'), text!);
      const r = await run(d2, ['scan']);
      console.log(name, r.code, r.err);
    }
  });
});
