import type { Config } from '../config/config';
import { formatMessage } from '../engine/format-message';
import { fingerprint } from '../fingerprint';
import type { Finding, FindingSource } from '../model/finding';
import type { ScanError } from '../model/report';
import { parseWorkflow } from './workflow-document';
import type { WorkflowReport, WorkflowRule } from './workflow-rule';
import { WORKFLOW_RULES } from './workflow-rule-registry';

const WORKFLOW = /(?:^|\/)\.github\/workflows\/[^/]+\.ya?ml$/;
const ACTION = /(?:^|\/)action\.ya?ml$/;

/** A workflow (`.github/workflows/*.yml`), a composite action (`action.yml` anywhere), or neither. */
export function workflowFileKind(path: string): 'workflow' | 'action' | undefined {
  if (WORKFLOW.test(path)) return 'workflow';
  if (ACTION.test(path)) return 'action';
  return undefined;
}

/** True for the files `scanWorkflowFile` reads. */
export function isWorkflowPath(path: string): boolean {
  return workflowFileKind(path) !== undefined;
}

export interface WorkflowScanOptions {
  config: Config;
  source: FindingSource;
  /** Defaults to every registered workflow rule. */
  rules?: readonly WorkflowRule[];
}

export interface WorkflowScanResult {
  findings: Finding[];
  errors: ScanError[];
}

/**
 * Runs the workflow rules on one workflow or composite action. Pure: text in, findings out. Honours the rules
 * the config turns off or re-rates; suppressions are applied by the caller, as for every other finding.
 * Malformed YAML yields errors with a position and no findings.
 */
export function scanWorkflowFile(path: string, text: string, options: WorkflowScanOptions): WorkflowScanResult {
  const kind = workflowFileKind(path);
  if (!kind) return { findings: [], errors: [] };
  const rules = (options.rules ?? WORKFLOW_RULES).filter((rule) => enabled(rule, options.config));
  if (rules.length === 0) return { findings: [], errors: [] };
  const parsed = parseWorkflow(path, text, kind);
  if (!parsed.ok) return { findings: [], errors: parsed.errors };

  const findings: Finding[] = [];
  const errors: ScanError[] = [];
  const seen = new Set<string>();
  for (const rule of rules) {
    const report = (r: WorkflowReport<string>) => {
      const finding = toFinding(rule, r, path, options);
      // The same node reached twice (through a YAML alias) is one finding.
      if (seen.has(finding.fingerprint)) return;
      seen.add(finding.fingerprint);
      findings.push(finding);
    };
    try {
      rule.check(parsed.document, { path, config: options.config, report });
    } catch (error) {
      // A rule bug must not hide the other rules' findings; it is reported like a file that could not be read.
      errors.push({ path, message: `rule ${rule.id} failed on this file: ${error instanceof Error ? error.message : String(error)}` });
    }
  }
  return { findings, errors };
}

function enabled(rule: WorkflowRule, config: Config): boolean {
  if (config.ignoreRules.includes(rule.id) || config.ignoreRules.includes(rule.guardrail)) return false;
  return config.rules[rule.id]?.enabled !== false;
}

function toFinding(rule: WorkflowRule, r: WorkflowReport<string>, path: string, options: WorkflowScanOptions): Finding {
  const template = rule.messages[r.messageId];
  if (template === undefined) throw new Error(`unknown message id "${r.messageId}"`);
  return {
    ruleId: rule.id,
    guardrail: rule.guardrail,
    severity: options.config.rules[rule.id]?.severity ?? r.severity ?? rule.severity,
    confidence: rule.confidence,
    title: rule.title,
    message: formatMessage(template, r.data ?? {}),
    location: { path, startLine: r.at.line, startColumn: r.at.column, endLine: r.at.endLine, endColumn: r.at.endColumn },
    fingerprint: fingerprint(rule.id, path, r.subject),
    evidence: r.evidence,
    remediation: rule.remediation,
    references: [...rule.references],
    source: options.source,
    properties: { messageId: r.messageId, ...r.properties },
  };
}
