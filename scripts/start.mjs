// `npm start`: the whole product on this machine. A Backstage backend with the guardrails plugin (SQLite under
// .data/, or PostgreSQL with --postgres URL / GUARDRAILS_DATABASE_URL), the demo catalog (examples/catalog),
// a scan of every example repository pushed to the portal, and the portal's frontend. Ctrl-C stops everything.
// A second run reuses the data folder: the same reports are recognised as duplicates.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const arg = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
if (args.includes('--help') || args.includes('-h')) {
  console.log(`Usage: npm start [-- --postgres URL] [--data DIR] [--port 3000] [--backend-port 7007] [--no-frontend] [--no-scan]

Starts the guardrails backend (http://localhost:7007) on SQLite in DIR (default .data/) or on PostgreSQL,
loads the demo catalog, scans the example repositories and pushes the reports, and serves the portal
(http://localhost:3000). Env: GUARDRAILS_DATABASE_URL (same as --postgres).`);
  process.exit(0);
}

const dataDir = resolve(repo, arg('--data') ?? '.data');
const postgres = arg('--postgres') ?? process.env.GUARDRAILS_DATABASE_URL;
const backendPort = Number(arg('--backend-port') ?? 7007);
const frontendPort = Number(arg('--port') ?? 3000);
const backendUrl = `http://localhost:${backendPort}`;
const frontendUrl = `http://localhost:${frontendPort}`;
mkdirSync(join(dataDir, 'sqlite'), { recursive: true });
mkdirSync(join(dataDir, 'reports'), { recursive: true });

// The token the CLI and the Action push with: generated once, kept in the data folder.
const tokenFile = join(dataDir, 'portal-token');
if (!existsSync(tokenFile)) writeFileSync(tokenFile, randomBytes(24).toString('hex') + '\n', { mode: 0o600 });
const token = readFileSync(tokenFile, 'utf8').trim();

const database = postgres
  ? { client: 'pg', connection: postgres }
  : { client: 'better-sqlite3', connection: { directory: join(dataDir, 'sqlite') } };
const localConfig = join(dataDir, 'app-config.local.json');
writeFileSync(
  localConfig,
  JSON.stringify(
    {
      app: { baseUrl: frontendUrl },
      backend: { baseUrl: backendUrl, listen: { port: backendPort }, cors: { origin: frontendUrl }, database },
    },
    null,
    2,
  ) + '\n',
);

const children = [];
let stopping = false;
function start(name, cwd, command, commandArgs, env = {}) {
  const child = spawn(command, commandArgs, { cwd, env: { ...process.env, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = join(dataDir, `${name}.log`);
  writeFileSync(log, '');
  const append = (chunk) => writeFileSync(log, chunk, { flag: 'a' });
  child.stdout.on('data', append);
  child.stderr.on('data', append);
  child.on('exit', (code) => {
    if (!stopping) {
      console.error(`\n${name} stopped (exit ${code}); its log: ${log}`);
      stop(1);
    }
  });
  children.push(child);
  return child;
}

function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  for (const child of children) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
  }
  setTimeout(() => process.exit(code), 1500).unref();
}
process.on('SIGINT', () => {
  console.log('\nStopping…');
  stop(0);
});
process.on('SIGTERM', () => stop(0));

async function waitFor(url, what, timeoutMs, headers = {}) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url, { headers });
      if (res.ok) return res;
    } catch {
      // Not up yet.
    }
    if (stopping) process.exit(1);
    if (Date.now() > end) {
      console.error(`${what} did not come up within ${Math.round(timeoutMs / 1000)} s; see the logs in ${dataDir}`);
      stop(1);
      return undefined;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

const cli = join(repo, 'action', 'dist', 'cli.js');
const config = ['--config', join(repo, 'app-config.yaml'), '--config', localConfig];

console.log(`Starting the guardrails backend on ${postgres ? 'PostgreSQL' : `SQLite (${join(dataDir, 'sqlite')})`}…`);
start('backend', join(repo, 'plugin-backend'), process.execPath, [join(repo, 'node_modules', '@backstage', 'cli', 'bin', 'backstage-cli'), 'package', 'start', ...config], {
  GUARDRAILS_CI_TOKEN: token,
});
await waitFor(`${backendUrl}/api/guardrails/health`, 'The backend', 240_000);

if (!args.includes('--no-scan')) {
  // Each example repository with a catalog-info.yaml is scanned and its report pushed, as the Action does.
  const examples = readdirSync(join(repo, 'examples'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(repo, 'examples', d.name, 'catalog-info.yaml')))
    .map((d) => d.name);
  for (const name of examples) {
    const info = parse(readFileSync(join(repo, 'examples', name, 'catalog-info.yaml'), 'utf8'));
    const slug = info?.metadata?.annotations?.['github.com/project-slug'];
    if (!slug) continue;
    const out = join(dataDir, 'reports', `${name}.json`);
    const scan = spawnSync(process.execPath, [cli, 'scan', join('examples', name), '--format', 'json', '--output', out, '--fail-on', 'none'], { cwd: repo, encoding: 'utf8' });
    if (scan.status !== 0) {
      console.error(`Scan of examples/${name} failed: ${scan.stderr.trim()}`);
      continue;
    }
    const report = JSON.parse(readFileSync(out, 'utf8'));
    report.repository = { ...report.repository, slug, ref: 'refs/heads/main', defaultBranch: 'main' };
    delete report.repository.commit;
    const body = JSON.stringify(report);
    let answer;
    // Until the catalog has read the demo entities a report is kept unclaimed; it is applied when they appear.
    // A backend that restarts (the dev server reloads on source changes) or answers 5xx is retried.
    for (let attempt = 0; attempt < 60; attempt++) {
      try {
        const res = await fetch(`${backendUrl}/api/guardrails/reports`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body });
        answer = { status: res.status, body: await res.json().catch(() => ({})) };
        if (res.status < 500) break;
      } catch (error) {
        answer = { status: 'unreachable', body: { error: { message: String(error.cause?.code ?? error.message) } } };
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
    const b = answer?.body ?? {};
    const where = b.entities?.length ? b.entities.join(', ') : 'kept until the catalog claims the repository';
    console.log(`  examples/${name} (${slug}): ${report.findings.length} finding(s), ${answer?.status} ${b.status ?? b.error?.message ?? ''} → ${where}`);
  }
}

if (!args.includes('--no-frontend')) {
  console.log('Starting the portal frontend (the first build takes a minute)…');
  start('frontend', join(repo, 'plugin-frontend'), process.execPath, [join(repo, 'node_modules', '@backstage', 'cli', 'bin', 'backstage-cli'), 'package', 'start', ...config], {
    BROWSER: 'none',
  });
  await waitFor(frontendUrl, 'The frontend', 300_000);
  // The dev server answers before its first build is done: wait for the bundler to report it.
  const log = join(dataDir, 'frontend.log');
  const end = Date.now() + 420_000;
  while (!/compiled (successfully|with)/i.test(readFileSync(log, 'utf8'))) {
    if (Date.now() > end) {
      console.error(`The frontend did not finish building; see ${log}`);
      stop(1);
      break;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

console.log(`
Paved Road Guardrails is running.
  Portal (paved-road overview): ${frontendUrl}/guardrails
  A service:                    ${frontendUrl}/catalog/default/component/payments-api/guardrails
  A team:                       ${frontendUrl}/catalog/default/group/team-payments
  Backend API:                  ${backendUrl}/api/guardrails  (push token in ${tokenFile})
  Push a report yourself:       npx guardrails scan <dir> --format json --output r.json, then POST it with the token
Logs: ${join(dataDir, 'backend.log')}, ${join(dataDir, 'frontend.log')}. Ctrl-C stops everything.`);
