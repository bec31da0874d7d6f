import type { ValueOrigin } from './credential-value';
import { assessCredential, fieldNames, fieldsEvidence, originPhrase } from './credential-value';
import type { Field, Step, WorkflowDocument } from './workflow-document';
import { entry, input, pairSpan } from './workflow-document';
import { envBlocks } from './workflow-walk';
import type { WorkflowReport } from './workflow-rule';

/**
 * The report for an action input that carries a long-lived credential (`with: credentials_json: …`), or
 * undefined when the input is absent or produced at run time. `data` receives the phrase that says where the
 * value comes from (a secret, a literal, …).
 */
export function inputCredentialReport<M extends string>(
  step: Step,
  name: string,
  messageId: M,
  data: (origin: string) => Record<string, string>,
  originOf?: (field: Field) => ValueOrigin,
): WorkflowReport<M> | undefined {
  const a = assessCredential([input(step.with, name)], originOf);
  if (!a) return undefined;
  return {
    messageId,
    at: pairSpan(a.field),
    subject: `${step.path}.with.${name}`,
    evidence: fieldsEvidence('with.', a.fields),
    severity: a.severity,
    data: data(originPhrase(a.origin, a.originValue)),
    properties: { valueOrigin: a.origin },
  };
}

/**
 * One report per `env:` block (workflow, job or step) that sets any of `names` to a long-lived credential; data
 * has `scope`, `inputs` and `origin` for the message.
 */
export function envCredentialReports<M extends string>(doc: WorkflowDocument, names: readonly string[], messageId: M): WorkflowReport<M>[] {
  const reports: WorkflowReport<M>[] = [];
  for (const block of envBlocks(doc)) {
    const a = assessCredential(names.map((name) => entry(block.env, name)));
    if (!a) continue;
    reports.push({
      messageId,
      at: pairSpan(a.field),
      subject: `${block.path}.${a.field.key}`,
      evidence: fieldsEvidence('env.', a.fields),
      severity: a.severity,
      data: { scope: block.scope, inputs: fieldNames(a.fields), origin: originPhrase(a.origin, a.originValue) },
      properties: { valueOrigin: a.origin },
    });
  }
  return reports;
}
