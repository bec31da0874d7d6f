import { readFileSync } from 'node:fs';
import { DEFAULT_CONFIG } from '../../config/config';
import { IacScanner } from '../engine/iac-scanner';
import { HclParser } from '../hcl/hcl-parser';
import { fakeSecret } from '../../secrets/fake-secret';

let parser: HclParser;
beforeAll(async () => {
  parser = await HclParser.create(readFileSync(require.resolve('@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm')));
});

const scan = (files: Record<string, string>) =>
  new IacScanner(parser, { config: DEFAULT_CONFIG, source: 'repo', today: '2026-11-28' }).scan(Object.entries(files).map(([path, text]) => ({ path, text })));

const SAMPLE = `variable "tokens" {
  default = "optional"
}
locals {
  name = "web-\${var.tokens}"
}
resource "aws_instance" "web" {
  ami = "ami-1"
  metadata_options {
    http_tokens = var.tokens
  }
  tags = { Name = local.name }
}
resource "aws_eks_cluster" "main" {
  vpc_config {
    endpoint_public_access = true
  }
}
`;

describe('Terraform scanning on broken input', () => {
  it('reports a syntax error with file, line and column, and still checks the intact blocks', () => {
    const broken = SAMPLE.replace('resource "aws_eks_cluster" "main" {', 'resource "aws_eks_cluster" "main" {\n  name = "x" +\n');
    const result = scan({ 'infra/main.tf': broken });
    expect(result.errors[0]).toMatchObject({ path: 'infra/main.tf', message: expect.stringContaining('syntax error') });
    expect(result.errors[0]!.line).toBeGreaterThanOrEqual(14);
    expect(result.findings.map((f) => f.ruleId)).toContain('ec2-imdsv2-required');
    // The broken block may have hidden a resource: no guardrail may pass on this file.
    expect(result.guardrails.get('k8s-api-private')?.undecided[0]).toContain('infra/main.tf:');
  });

  it('never throws on every truncation of a module', () => {
    for (let cut = 0; cut <= SAMPLE.length; cut += 7) {
      expect(() => scan({ 'main.tf': SAMPLE.slice(0, cut) })).not.toThrow();
    }
  });

  it('never throws on random bytes, deep nesting or a huge single line', () => {
    const noise = fakeSecret('tf-noise', '{}[]()"=\\n\\t ${}%<>abc123.-_#/*', 50_000);
    const deep = `locals {\n  x = ${'['.repeat(5000)}1${']'.repeat(5000)}\n}\nresource "aws_instance" "a" {\n  metadata_options {\n    http_tokens = local.x\n  }\n}\n`;
    const long = `locals {\n  x = "${'a'.repeat(2_000_000)}"\n}\n`;
    for (const text of [noise, deep, long]) {
      const result = scan({ 'main.tf': text });
      expect(Array.isArray(result.findings)).toBe(true);
    }
    // The deeply nested value is unknown, so the rule is undecided rather than wrong.
    const deepResult = scan({ 'main.tf': deep });
    expect(deepResult.findings.filter((f) => f.ruleId === 'ec2-imdsv2-required')).toEqual([]);
  });

  it('does not loop on local and module cycles', () => {
    const result = scan({
      'main.tf': 'locals {\n  a = local.b\n  b = local.a\n}\nmodule "self" {\n  source = "./"\n}\nresource "aws_instance" "x" {\n  metadata_options {\n    http_tokens = local.a\n  }\n}\n',
    });
    expect(result.findings).toEqual([]);
    expect(result.guardrails.get('imdsv2-enforced')?.undecided[0]).toContain('refers to itself');
  });
});

describe('Terraform evaluation', () => {
  it('follows variables through tfvars, locals and a local module, and reports in the module file', () => {
    const result = scan({
      'live/main.tf': 'module "app" {\n  source = "../modules/app"\n  tokens = local.tokens\n}\nlocals {\n  tokens = var.tokens\n}\nvariable "tokens" {}\n',
      'live/terraform.tfvars': 'tokens = "optional"\n',
      'modules/app/main.tf': 'variable "tokens" {}\nresource "aws_instance" "web" {\n  metadata_options {\n    http_tokens = var.tokens\n  }\n}\n',
    });
    expect(result.findings.map((f) => [f.location?.path, f.location?.startLine, f.properties?.resource])).toEqual([
      ['modules/app/main.tf', 4, 'module.app.aws_instance.web'],
    ]);
  });

  it('treats tfvars files that disagree as unknown, never as a failure', () => {
    const result = scan({
      'main.tf': 'variable "public" {}\nresource "aws_eks_cluster" "c" {\n  vpc_config {\n    endpoint_public_access = var.public\n  }\n}\n',
      'dev.tfvars': 'public = true\n',
      'prod.tfvars': 'public = false\n',
    });
    expect(result.findings).toEqual([]);
    expect(result.guardrails.get('k8s-api-private')?.undecided[0]).toContain('differs between dev.tfvars and prod.tfvars');
  });

  it('skips resources with count = 0 and evaluates conditionals and functions', () => {
    const result = scan({
      'main.tf':
        'variable "env" {\n  default = "prod"\n}\nresource "aws_instance" "off" {\n  count = 0\n  metadata_options {\n    http_tokens = "optional"\n  }\n}\nresource "aws_instance" "on" {\n  metadata_options {\n    http_tokens = var.env == "prod" ? lower("OPTIONAL") : "required"\n  }\n}\n',
    });
    expect(result.findings.map((f) => f.properties?.resource)).toEqual(['aws_instance.on']);
  });

  it('honours checkov, trivy and guardrails suppressions that give a reason, and flags those that do not', () => {
    const text = (directive: string) => `resource "aws_instance" "web" {\n  ${directive}\n  metadata_options {\n    http_tokens = "optional"\n  }\n}\n`;
    const suppressed = (directive: string) => scan({ 'main.tf': text(directive) }).findings[0]?.suppression;
    expect(suppressed('#checkov:skip=CKV_AWS_79:legacy AMI until March')).toEqual({ kind: 'inline', reason: 'legacy AMI until March' });
    expect(suppressed('#trivy:ignore:AVD-AWS-0028 -- migration ticket OPS-12')).toEqual({ kind: 'inline', reason: 'migration ticket OPS-12' });
    expect(suppressed('# guardrails:ignore imdsv2-enforced until 2027-01-01 -- vendor appliance')).toEqual({ kind: 'inline', reason: 'vendor appliance', expires: '2027-01-01' });
    const noReason = scan({ 'main.tf': text('#checkov:skip=CKV_AWS_79') });
    expect(noReason.findings[0]?.suppression).toBeUndefined();
    expect(noReason.errors[0]).toMatchObject({ path: 'main.tf', line: 2, message: expect.stringContaining('needs a reason') });
    const off = new IacScanner(parser, { config: { ...DEFAULT_CONFIG, inlineSuppressions: false }, source: 'repo', today: '2026-11-28' });
    expect(off.scan([{ path: 'main.tf', text: text('#checkov:skip=CKV_AWS_79:legacy') }]).findings[0]?.suppression).toBeUndefined();
  });
});
