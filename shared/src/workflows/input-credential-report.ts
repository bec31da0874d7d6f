import type { ValueOrigin } from './credential-value';
import { assessCredential, fieldsEvidence, originPhrase } from './credential-value';
import type { Field, Step } from './workflow-document';
import { input, pairSpan } from './workflow-document';
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
