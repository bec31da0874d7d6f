import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import type { Report, Severity } from '@pavedroad/guardrails-core';
import { createBaseline, GuardrailsError, isAtLeast } from '@pavedroad/guardrails-core';
import type { FormatName } from '../format/formats';
import { FORMATS } from '../format/formats';
import { portalBaseUrl } from '../portal/portal-url';
import { isRepositorySlug } from '../portal/repository-slug';
import { runScan } from '../scan/run-scan';
import { TOOL_VERSION } from '../version';
import { parseReport } from './parse-report';
import type { PortalTarget } from './portal-push';
import { publishReport } from './portal-push';
import { progressReporter } from './progress';
import { overrideRepository } from './repository-override';

export interface CliIo {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stdout and stderr are terminals (colour, progress). */
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  env: Readonly<Record<string, string | undefined>>;
  now: () => Date;
  /** The portal push's HTTP client and backoff wait (tests); default: the global fetch and a timer. */
  fetch?: typeof globalThis.fetch;
  sleep?: (ms: number) => Promise<void>;
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

type FailOn = Severity | 'none';

interface ScanOptions {
  format: FormatName;
  output?: string;
  failOn?: FailOn;
  config?: string;
  diff?: string;
  history?: string | boolean;
  baseline?: string;
  color: boolean;
  repository?: string;
  ref?: string;
  defaultBranch?: string;
  push?: string;
  portalToken?: string;
  pushOptional?: boolean;
}

/** The portal token's environment variable: a secret is better kept out of argv (shell history, `ps`). */
export const PORTAL_TOKEN_ENV = 'GUARDRAILS_PORTAL_TOKEN';

export const DEFAULT_BASELINE_FILE = '.guardrails-baseline.json';

/** True when an open finding is at or above the threshold. */
export function shouldFail(report: Report, failOn: FailOn): boolean {
  if (failOn === 'none') return false;
  return report.findings.some((f) => !f.suppression && isAtLeast(f.severity, failOn));
}

function parseDiff(value: string): { base: string; head?: string; mergeBase?: boolean } {
  const threeDots = value.includes('...');
  const [base, head] = threeDots ? value.split('...') : value.split('..');
  if (!base) throw new GuardrailsError('USAGE', `--diff needs BASE or BASE..HEAD, got "${value}"`);
  // BASE...HEAD means what it means to git: from the merge base of the two, as a pull request compares.
  return head ? { base, head, ...(threeDots ? { mergeBase: true } : {}) } : { base };
}

async function writeOutput(file: string, text: string): Promise<void> {
  try {
    await writeFile(file, text);
  } catch (error) {
    throw new GuardrailsError('IO', `cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { cause: error });
  }
}

async function readText(file: string, what: string, cwd: string): Promise<string> {
  try {
    return await readFile(resolve(cwd, file), 'utf8');
  } catch (error) {
    throw new GuardrailsError('IO', `cannot read ${what} ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { cause: error });
  }
}

function repositorySlug(value: string): string {
  if (!isRepositorySlug(value)) throw new InvalidArgumentError('Expected owner/repo, as in the repository\'s GitHub URL.');
  return value;
}

function gitName(value: string): string {
  if (!value.trim() || /[\s\x00-\x1f\x7f]/.test(value)) throw new InvalidArgumentError('Expected a branch or ref name without spaces.');
  return value;
}

/**
 * The portal and token for `--push` / `push --portal`. The token comes from the option, else the environment; a
 * missing one is a usage error unless the push is optional. The URL is never echoed: it might hold credentials.
 */
function portalTarget(url: string, token: string | undefined, option: string, io: CliIo, optional: boolean): PortalTarget {
  const base = portalBaseUrl(url);
  if (!base) throw new GuardrailsError('USAGE', `${option} needs the portal's base URL: http(s), without credentials, query or fragment`);
  const bearer = (token ?? io.env[PORTAL_TOKEN_ENV] ?? '').trim();
  if (!bearer && !optional) throw new GuardrailsError('USAGE', `${option} needs a token: set ${PORTAL_TOKEN_ENV} (or pass --portal-token)`);
  return bearer ? { url: base, token: bearer } : { url: base };
}

function useColor(io: CliIo, flag: boolean): boolean {
  if (!flag || io.env.NO_COLOR) return false;
  if (io.env.FORCE_COLOR && io.env.FORCE_COLOR !== '0') return true;
  return io.stdoutIsTTY;
}

/** The `guardrails` command line. Returns the exit status: 0 clean, 1 findings at or above the threshold, 2 errors. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let exit = EXIT_OK;
  const program = new Command('guardrails')
    .description('Paved Road Guardrails: find leaked secrets and insecure cloud defaults.')
    .version(TOOL_VERSION, '-V, --version')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  program
    .command('scan')
    .description('Scan files (default: the current directory) and report findings.')
    .argument('[paths...]', 'files or directories to scan', ['.'])
    .addOption(new Option('-f, --format <format>', 'output format').choices(Object.keys(FORMATS)).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity (default: config, else high)').choices(['critical', 'high', 'medium', 'low', 'none']))
    .option('-c, --config <file>', 'config file (default: .guardrails.yml in the scan root)')
    .option('--diff <range>', 'report only findings on lines added between two revisions: BASE (to the working tree) or BASE..HEAD')
    .option('--history [range]', 'scan the lines added by every commit in a git range (default: all history)')
    .option('--baseline <file>', 'suppress findings whose fingerprints are in this baseline file')
    .option('--no-color', 'never colour the text output')
    .addOption(new Option('--repository <owner/repo>', 'the repository the report is for (default: from the git remote); needed to push a directory outside git').argParser(repositorySlug))
    .addOption(new Option('--ref <ref>', 'the branch or ref the report is for (default: the checked-out branch)').argParser(gitName))
    .addOption(new Option('--default-branch <name>', "the repository's default branch (default: origin's HEAD)").argParser(gitName))
    .option('--push <portal-url>', 'after writing the report, push it to the developer portal at this base URL')
    .option('--portal-token <token>', `bearer token for --push (default: $${PORTAL_TOKEN_ENV})`)
    .option('--push-optional', 'a failed push is a warning and does not change the exit status')
    .action(async (paths: string[], options: ScanOptions) => {
      if (options.diff && options.history) throw new GuardrailsError('USAGE', '--diff and --history cannot be combined');
      if (options.push === undefined && (options.portalToken !== undefined || options.pushOptional)) {
        throw new GuardrailsError('USAGE', '--portal-token and --push-optional only apply with --push <portal-url>');
      }
      const optional = options.pushOptional === true;
      const portal = options.push === undefined ? undefined : portalTarget(options.push, options.portalToken, '--push', io, optional);
      const progress = progressReporter(io);
      const { report, config } = await runScan({
        paths,
        cwd: io.cwd,
        ...(options.config ? { configFile: options.config } : {}),
        ...(options.baseline ? { baselineFile: options.baseline } : {}),
        ...(options.diff ? { diff: parseDiff(options.diff) } : {}),
        ...(options.history ? { history: typeof options.history === 'string' ? { range: options.history } : {} } : {}),
        now: io.now(),
        onProgress: progress.update,
      });
      progress.done();
      const repository = overrideRepository(report.repository, {
        ...(options.repository ? { slug: options.repository } : {}),
        ...(options.ref ? { ref: options.ref } : {}),
        ...(options.defaultBranch ? { defaultBranch: options.defaultBranch } : {}),
      });
      if (repository) report.repository = repository;
      const text = FORMATS[options.format](report, { color: !options.output && useColor(io, options.color) });
      if (options.output) {
        await writeOutput(resolve(io.cwd, options.output), text);
        const open = report.findings.filter((f) => !f.suppression).length;
        io.stderr(`guardrails: ${open} finding(s); ${options.format} report written to ${options.output}\n`);
      } else {
        io.stdout(text);
      }
      exit = shouldFail(report, options.failOn ?? config.failOn) ? EXIT_FINDINGS : EXIT_OK;
      if (portal && !(await publishReport(report, portal, io, optional)) && !optional) exit = EXIT_ERROR;
    });

  program
    .command('baseline')
    .description(`Write a baseline of the current findings (default ${DEFAULT_BASELINE_FILE}), so that only new ones are reported.`)
    .argument('[paths...]', 'files or directories to scan', ['.'])
    .option('-o, --output <file>', 'baseline file to write', DEFAULT_BASELINE_FILE)
    .option('-c, --config <file>', 'config file (default: .guardrails.yml in the scan root)')
    .action(async (paths: string[], options: { output: string; config?: string }) => {
      const { report } = await runScan({
        paths,
        cwd: io.cwd,
        ...(options.config ? { configFile: options.config } : {}),
        now: io.now(),
      });
      const baseline = createBaseline(report.findings);
      await writeOutput(resolve(io.cwd, options.output), JSON.stringify(baseline, null, 2) + '\n');
      io.stderr(`guardrails: baseline of ${baseline.findings.length} finding(s) written to ${options.output}\n`);
    });

  program
    .command('push')
    .description('Push a JSON report to the developer portal, e.g. from a trusted job after the scan ran in an untrusted one.')
    .argument('<report>', "JSON report file (`scan --format json --output FILE`, or the Action's json-file)")
    .requiredOption('--portal <url>', "the portal's base URL")
    .option('--portal-token <token>', `bearer token (default: $${PORTAL_TOKEN_ENV})`)
    .action(async (file: string, options: { portal: string; portalToken?: string }) => {
      const portal = portalTarget(options.portal, options.portalToken, '--portal', io, false);
      const report = parseReport(await readText(file, 'report', io.cwd), file);
      exit = (await publishReport(report, portal, io, false)) ? EXIT_OK : EXIT_ERROR;
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exit;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT_OK : EXIT_ERROR;
    }
    if (error instanceof GuardrailsError) {
      io.stderr(`guardrails: error: ${error.message}\n`);
      return EXIT_ERROR;
    }
    io.stderr(`guardrails: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT_ERROR;
  }
}
