import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import type { Report, Severity } from '@pavedroad/guardrails-core';
import { createBaseline, GuardrailsError, isAtLeast } from '@pavedroad/guardrails-core';
import type { FormatName } from '../format/formats';
import { FORMATS } from '../format/formats';
import { runScan } from '../scan/run-scan';
import { TOOL_VERSION } from '../version';
import { progressReporter } from './progress';

export interface CliIo {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stdout and stderr are terminals (colour, progress). */
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  env: Readonly<Record<string, string | undefined>>;
  now: () => Date;
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
}

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
    .action(async (paths: string[], options: ScanOptions) => {
      if (options.diff && options.history) throw new GuardrailsError('USAGE', '--diff and --history cannot be combined');
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
      const text = FORMATS[options.format](report, { color: !options.output && useColor(io, options.color) });
      if (options.output) {
        await writeOutput(resolve(io.cwd, options.output), text);
        const open = report.findings.filter((f) => !f.suppression).length;
        io.stderr(`guardrails: ${open} finding(s); ${options.format} report written to ${options.output}\n`);
      } else {
        io.stdout(text);
      }
      exit = shouldFail(report, options.failOn ?? config.failOn) ? EXIT_FINDINGS : EXIT_OK;
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
