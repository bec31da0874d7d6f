import type { Config } from '../config/config';
import { fingerprint } from '../fingerprint';
import type { Finding, FindingSource } from '../model/finding';
import type { GuardrailId } from '../model/guardrail-id';
import type { ScanError } from '../model/report';
import type { Severity } from '../model/severity';
import { redact } from '../redaction';
import { FILE_RULES, SECRET_RULES } from '../secrets/secret-rule-registry';
import type { FileRule, SecretRule } from '../secrets/secret-rule';
import { SecretScanner } from '../secrets/secret-scanner';
import { inlineDecision } from '../suppression/inline-suppression';
import { isWorkflowPath, scanWorkflowFile } from '../workflows/scan-workflow';
import { WORKFLOW_RULES } from '../workflows/workflow-rule-registry';
import type { GuardrailEvidence } from '../iac/engine/iac-scanner';
import { decodeText, isBinary } from './content-sniff';
import { formatMessage } from './format-message';
import { LineIndex } from './line-index';

const SECRETS_GUARDRAIL: GuardrailId = 'no-leaked-secrets';

export interface FileScannerOptions {
  config: Config;
  source: FindingSource;
  /** Today as YYYY-MM-DD, for suppression expiry; the core has no clock. */
  today: string;
  secretRules?: readonly SecretRule[];
  fileRules?: readonly FileRule[];
}

export interface TextScanOptions {
  /** Report only findings that touch one of these (1-based) lines, e.g. the lines a diff adds. */
  lines?: ReadonlySet<number>;
  /** Line numbers to report for each line of the text, when the text is an excerpt (added lines of a commit). */
  lineMap?: readonly number[];
  commit?: string;
}

export interface FileScanResult {
  findings: Finding[];
  errors: ScanError[];
  /** Set when the file was not scanned for its content, with the reason. */
  skipped?: string;
}

/** Scans one file at a time for every guardrail the core checks in files. Pure: bytes in, findings out. */
export class FileScanner {
  readonly #options: FileScannerOptions;
  readonly #secrets: SecretScanner;
  readonly #fileRules: readonly FileRule[];
  readonly #enabledSecretRules: readonly SecretRule[];

  constructor(options: FileScannerOptions) {
    this.#options = options;
    const enabled = (id: string) => this.#enabled(id);
    this.#enabledSecretRules = (options.secretRules ?? SECRET_RULES).filter((r) => enabled(r.id));
    this.#fileRules = (options.fileRules ?? FILE_RULES).filter((r) => enabled(r.id));
    this.#secrets = new SecretScanner(this.#enabledSecretRules, { allow: options.config.allowSecrets });
  }

  readonly #workflows = { files: 0, undecided: [] as string[] };

  /** The guardrails a file scan evaluates. */
  get guardrails(): GuardrailId[] {
    const ids = new Set<GuardrailId>();
    if (this.#enabledSecretRules.length || this.#fileRules.length) ids.add(SECRETS_GUARDRAIL);
    for (const r of WORKFLOW_RULES) if (this.#enabled(r.id, r.guardrail)) ids.add(r.guardrail);
    return [...ids];
  }

  /** What the files scanned so far showed about the workflow guardrails: none seen is not applicable. */
  evidence(): Map<GuardrailId, GuardrailEvidence> {
    const out = new Map<GuardrailId, GuardrailEvidence>();
    for (const id of this.guardrails) {
      if (id === SECRETS_GUARDRAIL) continue;
      out.set(id, { applicable: this.#workflows.files > 0, undecided: [...this.#workflows.undecided] });
    }
    return out;
  }

  #enabled(ruleId: string, guardrail: GuardrailId = SECRETS_GUARDRAIL): boolean {
    const { config } = this.#options;
    if (config.ignoreRules.includes(ruleId) || config.ignoreRules.includes(guardrail)) return false;
    return config.rules[ruleId]?.enabled !== false;
  }

  #severity(ruleId: string, severity: Severity): Severity {
    return this.#options.config.rules[ruleId]?.severity ?? severity;
  }

  /** Scans a file's bytes: path rules always, content rules unless the file is binary. */
  scanFile(path: string, bytes: Uint8Array, options: TextScanOptions = {}): FileScanResult {
    const findings = this.scanPath(path, options);
    if (isBinary(bytes)) {
      return { findings, errors: [], skipped: 'binary' };
    }
    const result = this.scanText(path, decodeText(bytes), options);
    return { findings: [...findings, ...result.findings], errors: result.errors };
  }

  /** Findings from rules that judge a file by its name. */
  scanPath(path: string, options: TextScanOptions = {}): Finding[] {
    if (options.lines && !options.lines.has(1)) return [];
    return this.#fileRules
      .filter((rule) => rule.path.test(path))
      .map((rule) => {
        const finding: Finding = {
          ruleId: rule.id,
          guardrail: SECRETS_GUARDRAIL,
          severity: this.#severity(rule.id, rule.severity),
          confidence: rule.confidence,
          title: rule.title,
          message: formatMessage(rule.message, { path }),
          location: { path, startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 },
          fingerprint: fingerprint(rule.id, path, path),
          evidence: `file ${path}`,
          remediation: rule.remediation,
          references: [...rule.references],
          source: this.#options.source,
        };
        if (options.commit) finding.commit = options.commit;
        return finding;
      });
  }

  /** Scans text content: secrets in any file, CI guardrails in workflows and composite actions. */
  scanText(path: string, text: string, options: TextScanOptions = {}): FileScanResult {
    const secrets = this.#scanSecrets(path, text, options);
    if (!isWorkflowPath(path) || options.lineMap) return secrets;
    this.#workflows.files++;
    const workflow = scanWorkflowFile(path, text, { config: this.#options.config, source: this.#options.source });
    if (workflow.errors.length) this.#workflows.undecided.push(`${path} could not be checked: ${workflow.errors[0]!.message}`);
    const index = new LineIndex(text);
    const findings = workflow.findings.filter((f) => !options.lines || !f.location || touches(options.lines, f.location.startLine, f.location.endLine));
    if (this.#options.config.inlineSuppressions) {
      for (const f of findings) {
        if (!f.location) continue;
        const decision = inlineDecision((l) => index.line(l), f.location.startLine, f.ruleId, f.guardrail, this.#options.today);
        if (decision.kind === 'suppressed') f.suppression = decision.suppression;
        else if (decision.kind === 'invalid') secrets.errors.push({ path, line: decision.line, message: decision.problem });
      }
    }
    return { findings: [...secrets.findings, ...findings], errors: [...secrets.errors, ...workflow.errors] };
  }

  /** Secrets. Raw secrets stay inside this function: findings carry redacted evidence. */
  #scanSecrets(path: string, text: string, options: TextScanOptions): FileScanResult {
    const hits = this.#secrets.scan(text, path);
    if (hits.length === 0) return { findings: [], errors: [] };
    const index = new LineIndex(text);
    const reported = (line: number) => options.lineMap?.[line - 1] ?? line;
    const findings: Finding[] = [];
    const errors: ScanError[] = [];
    for (const { rule, match, verdict } of hits) {
      const start = index.position(match.start);
      const end = index.position(Math.max(match.start, match.end - 1));
      const startLine = reported(start.line);
      const endLine = reported(end.line);
      if (options.lines && !touches(options.lines, startLine, endLine)) continue;
      const evidence = verdict.evidence ?? redact(match.secret, rule.visiblePrefix ?? 0);
      const finding: Finding = {
        ruleId: rule.id,
        guardrail: SECRETS_GUARDRAIL,
        severity: this.#severity(rule.id, verdict.severity ?? rule.severity),
        confidence: verdict.confidence ?? rule.confidence,
        title: rule.title,
        message: formatMessage(rule.message, { ...verdict.data, evidence }),
        location: { path, startLine, startColumn: start.column, endLine, endColumn: end.column + 1 },
        fingerprint: fingerprint(rule.id, path, match.secret),
        evidence,
        remediation: rule.remediation,
        references: [...rule.references],
        source: this.#options.source,
      };
      if (verdict.properties) finding.properties = { ...verdict.properties };
      if (options.commit) finding.commit = options.commit;
      if (this.#options.config.inlineSuppressions) {
        const decision = inlineDecision((l) => index.line(l), start.line, rule.id, SECRETS_GUARDRAIL, this.#options.today);
        switch (decision.kind) {
          case 'none':
            break;
          case 'suppressed':
            finding.suppression = decision.suppression;
            break;
          case 'invalid':
            errors.push({ path, line: reported(decision.line), message: decision.problem });
            break;
        }
      }
      findings.push(finding);
    }
    return { findings, errors };
  }
}

function touches(lines: ReadonlySet<number>, start: number, end: number): boolean {
  for (let l = start; l <= end; l++) if (lines.has(l)) return true;
  return false;
}
