import type { GuardrailId } from '../../model/guardrail-id';
import type { Resource, ResourceModel } from '../model/resources';
import type { AnyResourceRule, ResourceReport } from '../rules/resource-rule';

/** What a scan learnt about a guardrail: whether anything it judges exists, and what it could not decide. */
export interface GuardrailEvidence {
  applicable: boolean;
  undecided: string[];
}

/** Receives each finding a rule reports, with the rule and the resource it judged. */
export type ResourceReportSink = (rule: AnyResourceRule, resource: Resource, report: ResourceReport<string>) => void;

/**
 * Runs resource rules over the subjects of one model (every resource unless told otherwise), following links in the
 * whole model. Each guardrail's evidence records whether it applied and what stayed undecided. The IaC scanner
 * checks every resource of a template; the live scan checks a region's resources against a model that also holds
 * the account's IAM graph.
 */
export function checkResources(
  model: ResourceModel,
  rules: readonly AnyResourceRule[],
  evidence: Map<GuardrailId, GuardrailEvidence>,
  sink: ResourceReportSink,
  subjects: readonly Resource[] = model.resources,
): void {
  for (const rule of rules) {
    let guardrail = evidence.get(rule.guardrail);
    if (!guardrail) {
      guardrail = { applicable: false, undecided: [] };
      evidence.set(rule.guardrail, guardrail);
    }
    const kinds = rule.kinds as readonly string[];
    for (const resource of subjects) {
      if (!kinds.includes(resource.kind)) continue;
      guardrail.applicable = true;
      const undecided = guardrail.undecided;
      rule.check(resource, {
        model,
        report: (report) => sink(rule, resource, report),
        undecided: (reason) => undecided.push(reason),
      });
    }
  }
}
