import type { Severity } from '../../model/severity';
import { defineLiveRule } from './live-rule';

/** Age thresholds in days, oldest first: Datadog's 1/3/5-year buckets and Security Hub IAM.3's 90 days. */
const AGE_STEPS: readonly { days: number; messageId: 'age5y' | 'age3y' | 'age1y' | 'age90d'; severity: Severity }[] = [
  { days: 5 * 365, messageId: 'age5y', severity: 'critical' },
  { days: 3 * 365, messageId: 'age3y', severity: 'high' },
  { days: 365, messageId: 'age1y', severity: 'medium' },
  { days: 90, messageId: 'age90d', severity: 'low' },
];

/** Unused this long counts as abandoned (Security Hub IAM.8, `maxCredentialUsageAge` 90). */
export const UNUSED_DAYS = 90;

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
