// Terraform benchmark: generates a deterministic tree of realistic modules, runs the CLI on it and on a tree
// twice its size in the same command, and prints files/s for each and how the cost grows (1.0 = linear).
// Usage: node bench/iac.mjs [--files 2000]
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const i = process.argv.indexOf('--files');
const FILES = i > 0 ? Number(process.argv[i + 1]) : 2000;

let state = 0x7e44;
const rand = () => {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (xs) => xs[Math.floor(rand() * xs.length)];

const RESOURCES = [
  (n) => `resource "aws_instance" "app_${n}" {\n  ami           = var.ami\n  instance_type = "t3.micro"\n  subnet_id     = var.subnet_ids[0]\n  metadata_options {\n    http_tokens = ${pick(['"required"', '"optional"', 'local.imds'])}\n  }\n  tags = merge(local.tags, { Name = "app-${n}" })\n}\n`,
  (n) => `resource "aws_s3_bucket" "data_${n}" {\n  bucket = "\${local.prefix}-data-${n}"\n}\n\nresource "aws_s3_bucket_public_access_block" "data_${n}" {\n  bucket                  = aws_s3_bucket.data_${n}.id\n  block_public_acls       = true\n  block_public_policy     = ${pick(['true', 'false'])}\n  ignore_public_acls      = true\n  restrict_public_buckets = true\n}\n`,
  (n) => `resource "aws_eks_cluster" "c_${n}" {\n  name     = "c-${n}"\n  role_arn = aws_iam_role.eks.arn\n  vpc_config {\n    subnet_ids              = var.subnet_ids\n    endpoint_public_access  = ${pick(['true', 'false', 'var.public_api'])}\n    public_access_cidrs     = ["10.0.0.0/8"]\n  }\n}\n`,
  (n) => `resource "aws_launch_template" "lt_${n}" {\n  name_prefix = "lt-${n}"\n  image_id    = var.ami\n  metadata_options {\n    http_endpoint = "enabled"\n    http_tokens   = "required"\n  }\n}\n`,
  (n) => `data "aws_iam_policy_document" "p_${n}" {\n  statement {\n    actions   = ["s3:GetObject"]\n    resources = ["arn:aws:s3:::bucket-${n}/*"]\n    principals {\n      type        = "AWS"\n      identifiers = ["arn:aws:iam::111122223333:root"]\n    }\n  }\n}\n`,
  (n) => `resource "aws_security_group" "sg_${n}" {\n  name   = "sg-${n}"\n  vpc_id = var.vpc_id\n  ingress {\n    from_port   = 443\n    to_port     = 443\n    protocol    = "tcp"\n    cidr_blocks = ["10.0.0.0/8"]\n  }\n}\n`,
];

function build(dir, files) {
  rmSync(dir, { recursive: true, force: true });
  const perModule = 10;
  for (let f = 0; f < files; f++) {
    const mod = `modules/m${Math.floor(f / perModule)}`;
    mkdirSync(join(dir, mod), { recursive: true });
    if (f % perModule === 0) {
      writeFileSync(
        join(dir, mod, 'variables.tf'),
        'variable "ami" {\n  default = "ami-0abcdef1234567890"\n}\nvariable "subnet_ids" {\n  type    = list(string)\n  default = ["subnet-1", "subnet-2"]\n}\nvariable "vpc_id" {}\nvariable "public_api" {\n  default = false\n}\nlocals {\n  prefix = "acme"\n  imds   = "required"\n  tags   = { team = "payments" }\n}\n',
      );
      continue;
    }
    let text = '';
    for (let r = 0; r < 4; r++) text += pick(RESOURCES)(`${f}_${r}`) + '\n';
    writeFileSync(join(dir, mod, `main_${f}.tf`), text);
  }
}

function run(dir) {
  const out = join(dir, '..', `${dir.split('/').pop()}.json`);
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [join(repo, 'action/dist/cli.js'), 'scan', dir, '--format', 'json', '--output', out, '--fail-on', 'none'], { encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (r.status !== 0) throw new Error(r.stderr);
  const report = JSON.parse(readFileSync(out, 'utf8'));
  return { seconds, files: report.scan.filesScanned, findings: report.findings.length };
}

const base = join(repo, 'bench/.corpus/iac');
build(`${base}-1x`, FILES);
build(`${base}-2x`, FILES * 2);
run(`${base}-1x`); // warm the page cache
const one = run(`${base}-1x`);
const two = run(`${base}-2x`);
const row = (name, r) => `${name}  ${String(r.files).padStart(6)} files  ${r.seconds.toFixed(2).padStart(6)} s  ${(r.files / r.seconds).toFixed(0).padStart(6)} files/s  ${r.findings} findings`;
console.log(row('1x', one));
console.log(row('2x', two));
console.log(`growth: 2x the files took ${(two.seconds / one.seconds).toFixed(2)}x the time (per-file cost ratio ${((two.seconds / two.files) / (one.seconds / one.files)).toFixed(2)}; 1.00 = linear)`);
