import type { Attr } from '../model/attr';
import { defineResourceRule } from './resource-rule';

// The default compute service account is `<project-number>-compute@developer.gserviceaccount.com`
// (Trivy's adapter and Checkov CKV_GCP_30 use the same suffix).
const DEFAULT_EMAIL = /-compute@developer\.gserviceaccount\.com$/i;
const CLOUD_PLATFORM = /^(?:https:\/\/www\.googleapis\.com\/auth\/)?cloud-platform$/;

type Verdict = { state: 'default' } | { state: 'custom' } | { state: 'unknown'; reason: string };

/** Whether the workload runs as the default compute service account. */
function serviceAccountVerdict(email: Attr<string>): Verdict {
  switch (email.state) {
    case 'default':
      return { state: 'default' };
    case 'set':
      return DEFAULT_EMAIL.test(email.value) || email.value === 'default' ? { state: 'default' } : { state: 'custom' };
    case 'absent':
      return { state: 'custom' };
    case 'unknown':
      // A reference tells whose email it is, even without a value.
      if (/computed from (?:module\.[^.]+\.)*data\.google_compute_default_service_account\./.test(email.reason)) return { state: 'default' };
      if (/computed from (?:module\.[^.]+\.)*(?:data\.)?google_service_account\./.test(email.reason)) return { state: 'custom' };
      return { state: 'unknown', reason: email.reason };
  }
}

export const gcpDefaultServiceAccount = defineResourceRule({
  id: 'gcp-default-service-account',
  guardrail: 'least-privilege-workloads',
  title: 'GCE and GKE workloads use their own service account',
  description:
    'Compute Engine instances and GKE node pools do not run as the default compute service account, which has the Editor role on its project unless an organisation policy removed it; with the `cloud-platform` scope nothing limits that access.',
  severity: 'high',
  confidence: 'high',
  kinds: ['gcp-workload'],
  messages: {
    cloudPlatform:
      '{{name}} runs as the default compute service account with the `cloud-platform` scope: the account has Editor on the project by default, so code on the {{what}} can change almost everything in it. Create a dedicated service account with only the roles the workload needs.',
    defaultAccount:
      '{{name}} runs as the default compute service account ({{scopes}}): it has Editor on the project by default, and widening the scopes later hands that to the workload. Use a dedicated service account.',
  },
  remediation: {
    text: 'Set `service_account.email` (instances) or `node_config.service_account` (node pools) to a dedicated service account with minimal roles, and use the `cloud-platform` scope only with such an account.',
    pavedRoad: 'One service account per workload from a module; disable automatic Editor grants with the `iam.automaticIamGrantsForDefaultServiceAccounts` organisation policy.',
  },
  anchors: {
    Checkov: ['CKV_GCP_30', 'CKV_GCP_31'],
    KICS: ['3cb4af0b-056d-4fb1-8b95-fdc4593625ff', '1c8eef02-17b1-4a3e-b01d-dcc3292d2c38', 'bc280331-27b9-4acb-a010-018e8098aa5d'],
    Trivy: ['AVD-GCP-0044', 'AVD-GCP-0050'],
  },
  references: [
    'https://cloud.google.com/compute/docs/access/service-accounts#default_service_account',
    'https://cloud.google.com/kubernetes-engine/docs/how-to/hardening-your-cluster#use_least_privilege_sa',
  ],
  examples: {
    terraform: {
      bad: [
        {
          files:
            'resource "google_compute_instance" "vm" {\n  name = "vm"\n  service_account {\n    scopes = ["cloud-platform"]\n  }\n}\n',
          expect: [{ line: 4, messageId: 'cloudPlatform' }],
        },
        {
          files:
            'resource "google_compute_instance" "vm" {\n  service_account {\n    email  = "123456789-compute@developer.gserviceaccount.com"\n    scopes = ["https://www.googleapis.com/auth/cloud-platform"]\n  }\n}\n',
          expect: [{ line: 4, messageId: 'cloudPlatform' }],
        },
        {
          files: 'resource "google_container_node_pool" "pool" {\n  cluster = "gke"\n  node_config {\n    machine_type = "e2-standard-4"\n  }\n}\n',
          expect: [{ line: 3, messageId: 'defaultAccount' }],
        },
        {
          files:
            'data "google_compute_default_service_account" "default" {}\nresource "google_compute_instance" "vm" {\n  service_account {\n    email  = data.google_compute_default_service_account.default.email\n    scopes = ["logging-write"]\n  }\n}\n',
          expect: [{ line: 4, messageId: 'defaultAccount' }],
        },
      ],
      good: [
        {
          files:
            'resource "google_service_account" "web" {\n  account_id = "web"\n}\nresource "google_compute_instance" "vm" {\n  service_account {\n    email  = google_service_account.web.email\n    scopes = ["cloud-platform"]\n  }\n}\n',
          expect: [],
          why: 'a dedicated service account (cloud-platform is fine with one)',
        },
        { files: 'resource "google_compute_instance" "vm" {\n  name = "vm"\n}\n', expect: [], why: 'no service account attached at all' },
        {
          files: 'variable "sa" {}\nresource "google_container_node_pool" "pool" {\n  node_config {\n    service_account = var.sa\n  }\n}\n',
          expect: [],
          undecided: true,
          why: 'an email from a variable without a value is unknown',
        },
      ],
    },
  },
  check(w, ctx) {
    if (!w.hasServiceAccount) return;
    const verdict = serviceAccountVerdict(w.serviceAccount);
    if (verdict.state === 'custom') return;
    if (verdict.state === 'unknown') return ctx.undecided(`the service account of ${w.name}: ${verdict.reason}`, w.serviceAccount.at);
    const what = w.type === 'google_container_node_pool' ? 'nodes' : 'VM';
    const scopes = w.scopes;
    if ((scopes.state === 'set' || scopes.state === 'default') && scopes.value.some((s) => CLOUD_PLATFORM.test(s))) {
      return ctx.report({ messageId: 'cloudPlatform', at: scopes.at, data: { name: w.name, what } });
    }
    if (scopes.state === 'unknown') ctx.undecided(`the scopes of ${w.name}: ${scopes.reason}`, scopes.at);
    const shown =
      scopes.state === 'set' || scopes.state === 'default'
        ? `scopes ${scopes.value.map((s) => `\`${s.replace(/^https:\/\/www\.googleapis\.com\/auth\//, '')}\``).join(', ') || 'none'}`
        : scopes.state === 'unknown'
          ? 'scopes unknown'
          : 'default scopes';
    ctx.report({ messageId: 'defaultAccount', at: w.serviceAccount.at, severity: 'low', data: { name: w.name, scopes: shown } });
  },
});
