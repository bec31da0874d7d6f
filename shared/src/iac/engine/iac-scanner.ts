import type { Config } from '../../config/config';
import { formatMessage } from '../../engine/format-message';
import { LineIndex } from '../../engine/line-index';
import { fingerprint } from '../../fingerprint';
import type { Finding, FindingSource } from '../../model/finding';
import type { GuardrailId } from '../../model/guardrail-id';
import type { ScanError } from '../../model/report';
import { parseAnyDirective } from '../../suppression/anchor-directives';
import { decisionIn } from '../../suppression/inline-suppression';
import type { HclParser } from '../hcl/hcl-parser';
import type { Site } from '../model/attr';
import type { Resource } from '../model/resources';
import { ResourceModel } from '../model/resources';
import { RESOURCE_RULES } from '../resource-rule-registry';
import type { AnyResourceRule } from '../rules/resource-rule';
import type { SourceFile } from '../terraform/terraform-module';
import { TerraformLoader } from '../terraform/terraform-module';
import { adaptTerraformBlock, isRelevantTerraform } from '../terraform/terraform-adapters';
import type { GuardrailEvidence } from './check-resources';
import { checkResources } from './check-resources';

export type { GuardrailEvidence } from './check-resources';

/** A source of resource models other than Terraform (CloudFormation templates), one model per template. */
export type TemplateAdapter = (path: string, text: string) => { resources: Resource[]; errors: ScanError[] } | undefined;

export interface IacScanOptions {
  config: Config;
  source: FindingSource;
  today: string;
  rules?: readonly AnyResourceRule[];
  templates?: TemplateAdapter;
}

export interface IacScanResult {
  findings: Finding[];
  errors: ScanError[];
  guardrails: Map<GuardrailId, GuardrailEvidence>;
}

export function isTerraformPath(path: string): boolean {
  return /\.tf$|\.tfvars$/.test(path);
}

// Cheap signs of a CloudFormation template, so that other YAML and JSON files are never parsed.
const TEMPLATE_SIGN = /AWSTemplateFormatVersion|["']?Type["']?\s*:\s*["']?AWS::/;

/** True for a YAML or JSON file that looks like a CloudFormation template. */
export function isTemplateCandidate(path: string, text?: string): boolean {
  if (!/\.(?:ya?ml|json|template)$/i.test(path) || /(?:^|\/)\.github\/workflows\//.test(path)) return false;
  return text === undefined || TEMPLATE_SIGN.test(text);
}

const locationOf = (site: Site) => ('location' in site ? site.location : undefined);

/**
 * Scans infrastructure code: builds one resource model per Terraform root module and per CloudFormation
 * template, resolves links inside it, runs every resource rule, and applies inline suppressions.
 */
export class IacScanner {
  readonly #rules: readonly AnyResourceRule[];

  constructor(
    private readonly parser: HclParser | undefined,
    private readonly options: IacScanOptions,
  ) {
    const { config } = options;
    this.#rules = (options.rules ?? RESOURCE_RULES).filter(
      (r) => !config.ignoreRules.includes(r.id) && !config.ignoreRules.includes(r.guardrail) && config.rules[r.id]?.enabled !== false,
    );
  }

  /** The guardrails these rules evaluate. */
  get guardrails(): GuardrailId[] {
    return [...new Set(this.#rules.map((r) => r.guardrail))];
  }

  scan(files: readonly SourceFile[]): IacScanResult {
    const result: IacScanResult = { findings: [], errors: [], guardrails: new Map() };
    for (const g of this.guardrails) result.guardrails.set(g, { applicable: false, undecided: [] });
    const texts = new Map(files.map((f) => [f.path, f.text]));
    const models: ResourceModel[] = [];

    const terraform = files.filter((f) => isTerraformPath(f.path));
    if (terraform.length && this.parser) {
      const loader = new TerraformLoader(this.parser, terraform, isRelevantTerraform);
      try {
        for (const root of loader.roots()) {
          const blocks = loader.module(root);
          const byAddress = new Map(blocks.map((b) => [b.address, b]));
          const resources = blocks.map((b) => adaptTerraformBlock(b, (a) => byAddress.get(a))).filter((r): r is Resource => r !== undefined);
          models.push(new ResourceModel(resources));
          // The model holds plain data now; the syntax trees can go before the next root is read.
          loader.release();
        }
      } finally {
        // A module called from several roots is parsed once per root: report its syntax errors once.
        const seen = new Set<string>();
        for (const e of loader.errors) {
          const key = `${e.path}:${e.line}:${e.column}:${e.message}`;
          if (!seen.has(key)) result.errors.push(e);
          seen.add(key);
        }
        loader.dispose();
      }
    } else if (terraform.length) {
      result.errors.push({ message: 'Terraform files were found but the HCL parser is not available; Terraform was not checked' });
    }

    if (this.options.templates) {
      for (const f of files) {
        if (!isTemplateCandidate(f.path, f.text)) continue;
        const template = this.options.templates(f.path, f.text);
        if (!template) continue;
        result.errors.push(...template.errors);
        models.push(new ResourceModel(template.resources));
      }
    }

    // A file that could not be read completely may hide a resource: no guardrail can pass on it.
    const broken = [...new Set(result.errors.map((e) => (e.path ? `${e.path}${e.line ? `:${e.line}` : ''}` : 'Terraform')))];
    if (broken.length) {
      const reason = `${broken.length === 1 ? broken[0] : `${broken.length} files`} could not be fully parsed (${result.errors[0]!.message})`;
      for (const evidence of result.guardrails.values()) evidence.undecided.push(reason);
    }

    const indexes = new Map<string, LineIndex>();
    const lineText = (path: string) => {
      let index = indexes.get(path);
      if (!index) {
        index = new LineIndex(texts.get(path) ?? '');
        indexes.set(path, index);
      }
      return (line: number) => index.line(line);
    };

    for (const model of models) {
      checkResources(model, this.#rules, result.guardrails, (rule, resource, report) => {
        const finding = this.#finding(rule, resource, report);
        if (finding) result.findings.push(finding);
      });
    }

    if (this.options.config.inlineSuppressions) this.#suppress(result, lineText, models);
    return result;
  }

  #finding(rule: AnyResourceRule, resource: Resource, report: Parameters<Parameters<AnyResourceRule['check']>[1]['report']>[0]): Finding | undefined {
    const location = locationOf(report.at);
    const data = { ...(report.data ?? {}) };
    const message = formatMessage(rule.messages[report.messageId] ?? report.messageId, data);
    const where = location?.path ?? resource.address;
    const subject = [resource.address, report.messageId, ...Object.keys(data).sort().filter((k) => k !== 'name').map((k) => data[k])].join('#');
    const finding: Finding = {
      ruleId: rule.id,
      guardrail: rule.guardrail,
      severity: this.options.config.rules[rule.id]?.severity ?? report.severity ?? rule.severity,
      confidence: report.confidence ?? rule.confidence,
      title: rule.title,
      message,
      fingerprint: fingerprint(rule.id, where, subject),
      evidence: `${resource.type} ${resource.name}`,
      remediation: rule.remediation,
      references: [...rule.references],
      source: this.options.source,
      properties: { ...report.properties, resource: resource.address, resourceType: resource.type, messageId: report.messageId },
    };
    if (location) finding.location = location;
    else if ('resource' in report.at) finding.resource = report.at.resource;
    else return undefined;
    return finding;
  }

  #suppress(result: IacScanResult, lineText: (path: string) => (line: number) => string, models: readonly ResourceModel[]): void {
    const blockOf = new Map<string, { start: number; end: number }>();
    for (const model of models) {
      for (const r of model.resources) {
        const loc = locationOf(r.site);
        if (loc) blockOf.set(r.address, { start: loc.startLine, end: loc.endLine });
      }
    }
    const byId = new Map(this.#rules.map((r) => [r.id, r]));
    for (const f of result.findings) {
      if (!f.location) continue;
      const rule = byId.get(f.ruleId)!;
      const ids = new Set([rule.id, rule.guardrail, ...Object.values(rule.anchors).flat()]);
      const block = blockOf.get(String(f.properties?.resource ?? ''));
      const lines = [f.location.startLine, f.location.startLine - 1];
      // Directives anywhere in the resource block, or on the line above it, apply to the resource (Checkov's habit).
      if (block) for (let l = block.start - 1; l <= block.end; l++) lines.push(l);
      const decision = decisionIn(lineText(f.location.path), lines, ids, this.options.today, parseAnyDirective);
      switch (decision.kind) {
        case 'none':
          break;
        case 'suppressed':
          f.suppression = decision.suppression;
          break;
        case 'invalid':
          result.errors.push({ path: f.location.path, line: decision.line, message: decision.problem });
          break;
      }
    }
  }
}
