import type { Severity } from '../../model/severity';
import { defineLiveRule } from './live-rule';

type AgeMessage = 'age5y' | 'age3y' | 'age1y' | 'age90d';

/** Age thresholds in days, oldest first: Datadog's 1/3/5-year buckets and Security Hub IAM.3's 90 days. */
const AGE_STEPS: readonly { days: number; messageId: AgeMessage; severity: Severity; source: string }[] = [
  { days: 5 * 365, messageId: 'age5y', severity: 'critical', source: 'Datadog 2025: 10% of keys' },
  { days: 3 * 365, messageId: 'age3y', severity: 'high', source: 'Datadog 2025: 25% of keys' },
  { days: 365, messageId: 'age1y', severity: 'medium', source: 'Datadog 2025: 59% of users with an active key have one' },
  { days: 90, messageId: 'age90d', severity: 'low', source: 'Security Hub IAM.3' },
];

/** Unused this long counts as abandoned (Security Hub IAM.8, `maxCredentialUsageAge` 90). */
export const UNUSED_DAYS = 90;

/** A threshold as its reference page states it: up to the next one, since only the oldest crossed is reported. */
function ageReport(messageId: AgeMessage): { when: string; severity: Severity } {
  const i = AGE_STEPS.findIndex((s) => s.messageId === messageId);
  const step = AGE_STEPS[i]!;
  const older = AGE_STEPS[i - 1];
  return { when: `an active key is more than ${describeDays(step.days)}${older ? ` and at most ${describeDays(older.days)}` : ''} old (${step.source})`, severity: step.severity };
}

export const iamAccessKeyAge = defineLiveRule({
  id: 'iam-access-key-age',
  guardrail: 'no-long-lived-cloud-keys',
  title: 'IAM access keys are young and in use',
  description:
    'An active IAM user access key older than 90 days, 1, 3 or 5 years (severity rises with age), or one unused for 90 days or never used, is a long-lived credential that leaks and outlives its purpose. Read live from IAM.',
  severity: 'medium',
  confidence: 'high',
  kinds: ['iam-access-key'],
  messages: {
    age90d: 'The access key {{key}} of IAM user {{user}} is {{age}} old (over 90 days). Rotate it, or better replace it with a role.',
    age1y: 'The access key {{key}} of IAM user {{user}} is {{age}} old (over a year): every copy made in that time still works. Replace it with a role, or rotate it now.',
    age3y: 'The access key {{key}} of IAM user {{user}} is {{age}} old (over 3 years): nobody knows where it has been copied. Replace it with a role, or rotate it now.',
    age5y: 'The access key {{key}} of IAM user {{user}} is {{age}} old (over 5 years): treat it as leaked. Replace it with a role and delete it.',
    unused: 'The access key {{key}} of IAM user {{user}} is active but unused for {{unused}}. Deactivate and delete it.',
    neverUsed: 'The access key {{key}} of IAM user {{user}} is active, {{age}} old and was never used. Deactivate and delete it.',
  },
  remediation: {
    text: 'Deactivate and delete unused keys; move the workload that uses an old key to a role (instance profile, IRSA, OIDC) and delete the key.',
    pavedRoad: 'No IAM user keys: roles for workloads, OIDC for CI, IAM Identity Center for people.',
  },
  anchors: {
    Prowler: ['iam_rotate_access_key_90_days', 'iam_user_accesskey_unused'],
    'Security Hub': ['IAM.3', 'IAM.8', 'IAM.22'],
    Steampipe: ['iam_user_access_key_age_90', 'iam_user_access_key_unused_45'],
  },
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html#rotating_access_keys_console',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html',
    'https://www.datadoghq.com/state-of-cloud-security/',
  ],
  live: {
    reports: {
      age90d: ageReport('age90d'),
      age1y: ageReport('age1y'),
      age3y: ageReport('age3y'),
      age5y: ageReport('age5y'),
      unused: { when: `an active key was used, but not in the last ${UNUSED_DAYS} days (Security Hub IAM.8)` },
      neverUsed: { when: `an active key older than ${UNUSED_DAYS} days was never used (own reason; Prowler would pass it)` },
    },
    evidence: [
      '`iam:GenerateCredentialReport` and `iam:GetCredentialReport`: the users with an active key, and each key slot\'s creation (`last_rotated`) and last use',
      '`iam:ListAccessKeys`, for users the report shows with an active key (every user when there is no report): key ids (shown as `AKIA…WXYZ`), status and creation date',
      '`iam:GetAccessKeyLastUsed`: the last use of a key the report has no matching slot for',
      'when a user\'s key calls fail, the report\'s key slots stand in (`access key 1`, `access key 2`)',
    ],
    neverReported: [
      `an active key at most ${UNUSED_DAYS} days old, whether it was used or not yet`,
      'an inactive key, whatever its age',
      'a key whose last use could not be read: its guardrail is unknown, never pass',
    ],
  },
  check(key, ctx) {
    if (key.active.state === 'unknown') return ctx.undecided(`whether ${key.name} is active: ${key.active.reason}`, key.active.at);
    if (key.active.state !== 'set' || !key.active.value) return;
    const user = key.user.state === 'set' ? key.user.value : key.name;
    const age = key.ageDays;
    if (age.state === 'unknown') ctx.undecided(`the age of ${key.name}: ${age.reason}`, age.at);
    const ageDays = age.state === 'set' ? age.value : undefined;
    const data = { key: key.keyLabel, user, age: ageDays === undefined ? 'of unknown age' : describeDays(ageDays) };
    const step = ageDays === undefined ? undefined : AGE_STEPS.find((s) => ageDays > s.days);
    // `issue` keeps one finding per key and concern while the key crosses age thresholds (see live-finding).
    if (step) ctx.report({ messageId: step.messageId, at: key.site, data, severity: step.severity, properties: { issue: 'age', ageDays: String(ageDays) } });

    const unused = key.unusedDays;
    switch (unused.state) {
      case 'unknown':
        ctx.undecided(`the last use of ${key.name}: ${unused.reason}`, unused.at);
        return;
      case 'absent':
        // A new key may not be deployed yet; one never used after 90 days is forgotten (research aws-live §1.1).
        if (ageDays !== undefined && ageDays > UNUSED_DAYS) ctx.report({ messageId: 'neverUsed', at: key.site, data, properties: { issue: 'use', neverUsed: 'true' } });
        return;
      case 'set':
      case 'default':
        if (unused.value > UNUSED_DAYS) ctx.report({ messageId: 'unused', at: key.site, data: { ...data, unused: describeDays(unused.value) }, properties: { issue: 'use', unusedDays: String(unused.value) } });
        return;
    }
  },
});

/** `400 days` → `1 year and 35 days`; under a year, days. */
function describeDays(days: number): string {
  if (days < 365) return `${days} day${days === 1 ? '' : 's'}`;
  const years = Math.floor(days / 365);
  const rest = days % 365;
  return `${years} year${years === 1 ? '' : 's'}${rest ? ` and ${rest} day${rest === 1 ? '' : 's'}` : ''}`;
}
