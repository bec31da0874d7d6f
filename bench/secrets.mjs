// Secret-scanning benchmark: builds a deterministic corpus of realistic code with planted fake secrets, then
// runs our CLI and secretlint (recommended preset) on it in the same run and prints throughput, the ratio and
// recall on the planted secrets for each. Usage: node bench/secrets.mjs [--mb 40] [--files 800]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const TARGET_MB = arg('mb', 40);
const FILES = arg('files', 800);
const corpus = join(repo, 'bench/.corpus/secrets');

// Deterministic PRNG (mulberry32) so every run scans the same bytes.
let state = 0x5eed;
const rand = () => {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const str = (alphabet, n) => Array.from({ length: n }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const B64 = ALNUM + '+/';
const HEX = '0123456789abcdef';
const WORDS = 'user order payment invoice receipt account session cache queue worker handler config client server request response value index count total amount status retry timeout region bucket table stream event customer ledger refund currency merchant batch report schedule'.split(' ');
const ident = () => pick(WORDS) + pick(['', '_', '']) + pick(WORDS).replace(/^./, (c) => c.toUpperCase());

// Ordinary code lines.
const CODE = [
  () => `  const ${ident()} = await ${ident()}(${ident()}, ${Math.floor(rand() * 1000)});`,
  () => `  if (${ident()}.${ident()} === '${pick(WORDS)}') return ${ident()};`,
  () => `    ${ident()}: process.env.${pick(WORDS).toUpperCase()}_${pick(WORDS).toUpperCase()},`,
  () => `  // ${pick(WORDS)} ${pick(WORDS)} ${pick(WORDS)} when the ${pick(WORDS)} ${pick(WORDS)} expires`,
  () => `def ${ident()}(${pick(WORDS)}, ${pick(WORDS)}=None):`,
  () => `    return ${pick(WORDS)}.get("${pick(WORDS)}", ${Math.floor(rand() * 100)})`,
  () => `  logger.info("${pick(WORDS)} %s ${pick(WORDS)}", ${ident()})`,
];
// Near-misses that trip scanners (references, hashes, UUIDs, base64 blobs), one line in ten.
const NEAR_MISS = [
  () => `password = os.environ["${pick(WORDS).toUpperCase()}_PASSWORD"]`,
  () => `  token: \${{ secrets.${pick(WORDS).toUpperCase()}_TOKEN }}`,
  () => `  "integrity": "sha512-${str(B64, 86)}=="`,
  () => `  "id": "${str(HEX, 8)}-${str(HEX, 4)}-${str(HEX, 4)}-${str(HEX, 4)}-${str(HEX, 12)}",`,
  () => `commit_sha = "${str(HEX, 40)}"`,
  () => `  secret_name = "${pick(WORDS)}/${pick(WORDS)}-credentials"`,
  () => `resource "aws_s3_bucket" "${pick(WORDS)}" { bucket = "${pick(WORDS)}-${pick(WORDS)}" }`,
  () => `  headers["Authorization"] = f"Bearer {${pick(WORDS)}_token}"`,
  () => `  api_key = settings.${pick(WORDS).toUpperCase()}_API_KEY`,
];
const noiseLine = () => (rand() < 0.1 ? pick(NEAR_MISS) : pick(CODE))();

const pem = () => {
  const body = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC' + str(B64, 1560);
  return ['-----BEGIN PRIVATE KEY-----', ...body.match(/.{1,64}/g), '-----END PRIVATE KEY-----'];
};

// Each planted secret: the lines to insert and the offset (within them) of the line that must be reported.
const PLANTS = [
  ['aws', () => [`aws_access_key_id = "AKIA${str(B32, 16)}"`, `aws_secret_access_key = "${str(B64, 40)}"`]],
  ['github', () => [`GITHUB_TOKEN = "ghp_${str(ALNUM, 36)}"`]],
  ['gitlab', () => [`gitlab_token = "glpat-${str(ALNUM, 20)}"`]],
  ['slack', () => [`SLACK_BOT_TOKEN = "xoxb-${str('0123456789', 12)}-${str('0123456789', 13)}-${str(ALNUM, 24)}"`]],
  ['npm', () => [`//registry.npmjs.org/:_authToken=npm_${str(ALNUM, 36)}`]],
  ['gcp', () => [`  apiKey: "AIza${str(ALNUM + '_-', 35)}",`]],
  ['azure', () => [`AZURE_STORAGE="DefaultEndpointsProtocol=https;AccountName=${pick(WORDS)}store;AccountKey=${str(B64, 86)}==;EndpointSuffix=core.windows.net"`]],
  ['private-key', pem],
  ['generic', () => [`db_password = "${str(ALNUM, 12)}!${str(ALNUM, 4)}"`]],
];

function buildCorpus() {
  rmSync(corpus, { recursive: true, force: true });
  const planted = [];
  const perFile = Math.floor((TARGET_MB * 1024 * 1024) / FILES);
  let bytes = 0;
  for (let f = 0; f < FILES; f++) {
    const ext = pick(['ts', 'py', 'tf', 'yml', 'js', 'env']);
    const path = `svc-${f % 40}/src/${pick(WORDS)}_${f}.${ext}`;
    const lines = [];
    let size = 0;
    while (size < perFile) {
      const line = noiseLine();
      lines.push(line);
      size += line.length + 1;
    }
    if (f % 4 === 0) {
      const [kind, make] = PLANTS[(f / 4) % PLANTS.length];
      const plant = make();
      const at = Math.floor(rand() * lines.length);
      lines.splice(at, 0, ...plant);
      // Every line of a pair is a secret; a PEM block is reported at its first line.
      const reported = kind === 'private-key' ? [at + 1] : plant.map((_, i) => at + 1 + i);
      for (const line of reported) planted.push({ kind, path, line });
    }
    const text = lines.join('\n') + '\n';
    mkdirSync(join(corpus, dirname(path)), { recursive: true });
    writeFileSync(join(corpus, path), text);
    bytes += Buffer.byteLength(text);
  }
  return { planted, bytes };
}

function time(command, args, options = {}) {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 30, ...options });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.error) throw result.error;
  return { seconds, result };
}

function recall(planted, found) {
  const hit = planted.filter((p) => found.has(`${p.path}:${p.line}`)).length;
  return hit / planted.length;
}

const { planted, bytes } = buildCorpus();
const mb = bytes / 1024 / 1024;
console.log(`corpus: ${FILES} files, ${mb.toFixed(1)} MB, ${planted.length} planted secrets`);

// Ours: the committed CLI bundle, as `npx guardrails` runs it.
const oursOut = join(repo, 'bench/.corpus/ours.json');
const ours = time(process.execPath, [join(repo, 'action/dist/cli.js'), 'scan', corpus, '--format', 'json', '--output', oursOut, '--fail-on', 'none']);
const oursReport = JSON.parse(readFileSync(oursOut, 'utf8'));
const oursFound = new Set(oursReport.findings.map((f) => `${f.location.path}:${f.location.startLine}`));

// secretlint 12 with the recommended preset, from the root devDependencies.
const rc = join(repo, 'bench/.corpus/.secretlintrc.json');
writeFileSync(rc, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }));
const slOut = join(repo, 'bench/.corpus/secretlint.json');
const sl = time(join(repo, 'node_modules/.bin/secretlint'), ['**/*', '--secretlintrc', rc, '--format', 'json', '--output', slOut], { cwd: corpus });
const slReport = JSON.parse(readFileSync(slOut, 'utf8') || '[]');
const slFound = new Set(
  slReport.flatMap((file) => file.messages.map((m) => `${file.filePath.slice(corpus.length + 1)}:${m.loc.start.line}`)),
);

const row = (name, t, r) => `${name.padEnd(11)} ${t.seconds.toFixed(2).padStart(7)} s ${(mb / t.seconds).toFixed(1).padStart(8)} MB/s   recall ${(100 * r).toFixed(1)}%`;
console.log(row('guardrails', ours, recall(planted, oursFound)));
console.log(row('secretlint', sl, recall(planted, slFound)));
console.log(`ratio: guardrails is ${(sl.seconds / ours.seconds).toFixed(1)}x secretlint's throughput`);
for (const kind of [...new Set(planted.map((p) => p.kind))]) {
  const subset = planted.filter((p) => p.kind === kind);
  console.log(`  ${kind.padEnd(12)} ours ${(100 * recall(subset, oursFound)).toFixed(0).padStart(3)}%   secretlint ${(100 * recall(subset, slFound)).toFixed(0).padStart(3)}%`);
}
execFileSync('true');
