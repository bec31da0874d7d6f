import type { Config } from '../config/config';
import type { Confidence, Remediation } from '../model/finding';
import type { GuardrailId } from '../model/guardrail-id';
import type { Severity } from '../model/severity';
import type { Span, WorkflowDocument } from './workflow-document';

/** What a rule reports about one node of a workflow. */
export interface WorkflowReport<MessageId extends string> {
  messageId: MessageId;
  /** The offending key or value. */
  at: Span;
  /**
   * A stable name of what is wrong, e.g. `jobs.deploy.steps[configure-aws].with.aws-access-key-id`: the
   * fingerprint hashes it with the rule and path, never the line, so moving the code keeps the finding.
   */
  subject: string;
  /** A short description of the offending value; never a literal secret (see `displayValue`). */
  evidence: string;
  /** Values for the message placeholders; never secret material. */
  data?: Readonly<Record<string, string>>;
  /** Overrides the rule's severity for this finding (e.g. `critical` for a hard-coded key). */
  severity?: Severity;
  properties?: Readonly<Record<string, string | number | boolean>>;
}

export interface WorkflowRuleContext<MessageId extends string> {
  /** POSIX path relative to the scan root. */
  path: string;
  config: Config;
  report(report: WorkflowReport<MessageId>): void;
}

/** A workflow that must produce exactly these findings of the rule. */
export interface BadWorkflowExample<MessageId extends string> {
  text: string;
  /** Defaults to `.github/workflows/example.yml`. */
  path?: string;
  expect: readonly { line: number; messageId: MessageId }[];
}

/** A workflow the rule must never report, with the reason. */
export interface GoodWorkflowExample {
  text: string;
  why: string;
  path?: string;
}

export interface WorkflowRuleSpec<Messages extends Record<string, string>> {
  /** Stable id, equal to the file name; never reused. */
  id: string;
  guardrail: GuardrailId;
  title: string;
  description: string;
  /** The cloud or platform the rule is about, for docs and SARIF. */
  provider: string;
  severity: Severity;
  confidence: Confidence;
  /** Message templates by id; `{{name}}` placeholders come from the report's data. Each says the risk and the fix. */
  messages: Messages;
  remediation: Remediation;
  /** The equivalent rules of the tools users know, by tool name; an empty list says the tool has none. */
  anchors: Readonly<Record<string, readonly string[]>>;
  references: readonly string[];
  examples: {
    bad: readonly BadWorkflowExample<keyof Messages & string>[];
    good: readonly GoodWorkflowExample[];
  };
  /** Reports problems through `ctx.report`; never walks files or formats output. */
  check(doc: WorkflowDocument, ctx: WorkflowRuleContext<keyof Messages & string>): void;
}

export type WorkflowRule = Readonly<WorkflowRuleSpec<Record<string, string>>> & { readonly kind: 'workflow' };

/**
 * Defines a workflow rule. Generic over the messages object, so a message id that is not one of its keys (in
 * `ctx.report` or in an example) is a compile error.
 */
export function defineWorkflowRule<const Messages extends Record<string, string>>(spec: WorkflowRuleSpec<Messages>): WorkflowRule {
  return { ...spec, kind: 'workflow' };
}
