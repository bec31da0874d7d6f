import { defineResourceRule } from './resource-rule';

const PUBLIC = new Set(['allUsers', 'allAuthenticatedUsers']);

export const gcsPublicBinding = defineResourceRule({
  id: 'gcs-public-binding',
  guardrail: 'storage-not-public',
  title: 'Cloud Storage buckets are not granted to everyone',
  description: 'No IAM binding on a bucket grants a role to `allUsers` or `allAuthenticatedUsers`.',
  severity: 'high',
  confidence: 'high',
  kinds: ['gcs-public-binding'],
  messages: { binding: '{{name}} grants {{role}} to {{member}}: anyone on the internet can use it. Grant to specific principals instead.' },
  remediation: {
    text: 'Remove `allUsers` / `allAuthenticatedUsers` from the binding.',
    pavedRoad: 'Enforce `storage.publicAccessPrevention` with an organisation policy; serve public content through Cloud CDN.',
  },
  anchors: { Checkov: ['CKV_GCP_28'], Trivy: ['AVD-GCP-0001'], KICS: ['c010082c-76e0-4b91-91d9-6e8439e455dd'] },
  references: ['https://cloud.google.com/storage/docs/public-access-prevention'],
  examples: {
    terraform: {
      bad: [
        {
          files: 'resource "google_storage_bucket_iam_member" "m" {\n  bucket = "site"\n  role   = "roles/storage.objectViewer"\n  member = "allUsers"\n}\n',
          expect: [{ line: 4, messageId: 'binding' }],
        },
      ],
      good: [
        {
          files: 'resource "google_storage_bucket_iam_member" "m" {\n  bucket = "site"\n  role   = "roles/storage.objectViewer"\n  member = "group:eng@acme.io"\n}\n',
          expect: [],
          why: 'a specific group',
        },
      ],
    },
  },
  check(r, ctx) {
    const members = r.members;
    if (members.state === 'unknown') return ctx.undecided(`members of ${r.name}: ${members.reason}`, members.at);
    if (members.state === 'absent') return;
    const role = r.role.state === 'set' ? r.role.value : 'a role';
    for (const m of members.value) if (PUBLIC.has(m)) ctx.report({ messageId: 'binding', at: members.at, data: { name: r.name, role, member: m } });
  },
});
