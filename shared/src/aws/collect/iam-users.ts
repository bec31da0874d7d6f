import { GetAccessKeyLastUsedCommand, GetLoginProfileCommand, NoSuchEntityException, paginateListAccessKeys, paginateListMFADevices } from '@aws-sdk/client-iam';
import type { Attr } from '../../iac/model/attr';
import { absent, set, unknown } from '../../iac/model/attr';
import type { ConsoleLogin, IamAccessKey } from '../../iac/model/resources';
import { mapLimited } from '../session/limiter';
import type { ScanContext } from '../session/scan-context';
import type { CredentialReport } from './credential-report';
import type { CredentialReportRow } from './credential-report-csv';
import type { IamUserInfo } from './iam-authorization';
import type { LiveInventory } from './live-inventory';
import { daysSince, liveSite } from './live-inventory';

/** Per-user calls in flight; the IAM client's own limiter caps what reaches AWS. */
const USER_FANOUT = 8;

/** `AKIA…WXYZ`: enough to tell a user's two keys apart; access key ids stay out of findings (never printed). */
export function keyLabel(accessKeyId: string): string {
  return `${accessKeyId.slice(0, 4)}…${accessKeyId.slice(-4)}`;
}

/**
 * IAM users' access keys and console logins. Keys come from `ListAccessKeys` and `GetAccessKeyLastUsed` for the
 * users the credential report shows with an active key (every user without a report); when those calls fail for
 * a user, the report's key slots stand in. Console logins and MFA come from the report, else from
 * `GetLoginProfile` and `ListMFADevices` per user.
 */
export async function collectUsers(ctx: ScanContext, inventory: LiveInventory, listed: IamUserInfo[] | undefined, report: CredentialReport | undefined): Promise<void> {
  const rows = new Map((report?.rows ?? []).map((r) => [r.arn, r]));
  const users = new Map<string, IamUserInfo>();
  for (const u of listed ?? []) users.set(u.arn, u);
  for (const r of rows.values()) if (!users.has(r.arn)) users.set(r.arn, { name: r.user, arn: r.arn });
  inventory.counts.users = users.size;
  if (!listed && !report) {
    const reason = 'IAM users could not be listed: neither iam:GetAccountAuthorizationDetails nor the credential report could be read';
    ctx.incomplete('no-long-lived-cloud-keys', reason);
    ctx.incomplete('human-access-federated', reason);
    return;
  }

  await mapLimited([...users.values()], USER_FANOUT, async (user) => {
    const row = rows.get(user.arn);
    if (!row || row.keys.some((k) => k.active)) await collectKeys(ctx, inventory, user, row);
    if (row) {
      if (row.passwordEnabled) addLogin(inventory, user, row.mfaActive, row.passwordLastUsed);
    } else if (!report) await collectLogin(ctx, inventory, user);
  });
}

async function collectKeys(ctx: ScanContext, inventory: LiveInventory, user: IamUserInfo, row: CredentialReportRow | undefined): Promise<void> {
  const iam = ctx.clients.iam();
  const guardrails = row ? [] : (['no-long-lived-cloud-keys'] as const);
  const keys = await ctx.step({ service: 'iam', operation: 'ListAccessKeys', guardrails }, async (abortSignal) => {
    const out = [];
    for await (const page of paginateListAccessKeys({ client: iam }, { UserName: user.name }, { abortSignal })) out.push(...(page.AccessKeyMetadata ?? []));
    return out;
  });
  if (!keys) {
    if (row) addReportKeys(ctx, inventory, user, row);
    return;
  }
  for (const key of keys) {
    if (!key.AccessKeyId) continue;
    const active = key.Status === 'Active';
    let unusedDays: Attr<number> | undefined;
    const site = liveSite(inventory.accountId, user.arn);
    if (active) {
      // The report's slot for this key (its `last_rotated` is the key's creation time) already has the last use:
      // one call fewer per key, which is most of a large account's IAM calls.
      const slot = row?.keys.find((k) => k.active && k.lastRotated && key.CreateDate && sameTime(k.lastRotated, key.CreateDate));
      if (slot) unusedDays = reportUse(slot.lastUsed, ctx.now, site);
      else {
        const lastUsed = await ctx.step({ service: 'iam', operation: 'GetAccessKeyLastUsed', guardrails: ['no-long-lived-cloud-keys'] }, (abortSignal) =>
          iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: key.AccessKeyId }), { abortSignal }),
        );
        // A key never used has no LastUsedDate (ServiceName and Region say `N/A`).
        const date = lastUsed?.AccessKeyLastUsed?.LastUsedDate;
        unusedDays = !lastUsed ? unknown(site, 'iam:GetAccessKeyLastUsed could not be read') : date ? set(daysSince(date, ctx.now), site) : absent(site);
      }
    }
    addKey(inventory, user, keyLabel(key.AccessKeyId), active, key.CreateDate ? set(daysSince(key.CreateDate, ctx.now), site) : { state: 'unknown', at: site, reason: 'no creation date' }, unusedDays ?? absent(site));
  }
}

/** The report's key slots, when the key calls failed: same ages, no key ids. */
function addReportKeys(ctx: ScanContext, inventory: LiveInventory, user: IamUserInfo, row: CredentialReportRow): void {
  const site = liveSite(inventory.accountId, user.arn);
  row.keys.forEach((slot, i) => {
    if (!slot.active) return;
    const age: Attr<number> = slot.lastRotated ? set(daysSince(new Date(slot.lastRotated), ctx.now), site) : { state: 'unknown', at: site, reason: 'the credential report has no creation date' };
    addKey(inventory, user, `access key ${i + 1}`, true, age, reportUse(slot.lastUsed, ctx.now, site));
  });
}

function reportUse(lastUsed: string | undefined, now: Date, site: IamAccessKey['site']): Attr<number> {
  return lastUsed ? set(daysSince(new Date(lastUsed), now), site) : absent(site);
}

function sameTime(a: string, b: Date): boolean {
  return Math.abs(new Date(a).getTime() - b.getTime()) < 1000;
}

function addKey(inventory: LiveInventory, user: IamUserInfo, label: string, active: boolean, ageDays: Attr<number>, unusedDays: Attr<number>): void {
  const site = liveSite(inventory.accountId, user.arn);
  const key: IamAccessKey = {
    kind: 'iam-access-key',
    address: `${user.arn}#${label}`,
    type: 'AWS::IAM::AccessKey',
    origin: 'aws',
    site,
    name: `${label} of ${user.name}`,
    user: set(user.name, site),
    keyLabel: label,
    active: set(active, site),
    ageDays,
    unusedDays,
  };
  inventory.addGlobal(key, { accessKey: label, ...(ageDays.state === 'set' ? { keyAgeDays: ageDays.value } : {}) });
}

function addLogin(inventory: LiveInventory, user: IamUserInfo, mfaActive: boolean | undefined, passwordLastUsed: string | undefined): void {
  const site = liveSite(inventory.accountId, user.arn);
  const login: ConsoleLogin = {
    kind: 'console-login',
    address: `${user.arn}#login-profile`,
    type: 'AWS::IAM::LoginProfile',
    origin: 'aws',
    site,
    name: `the login profile of ${user.name}`,
    user: set(user.name, site),
    mfaActive: mfaActive === undefined ? { state: 'unknown', at: site, reason: 'iam:ListMFADevices could not be read' } : set(mfaActive, site),
  };
  inventory.addGlobal(login, { ...(mfaActive !== undefined ? { mfaActive } : {}), ...(passwordLastUsed ? { passwordLastUsed } : {}) });
}

/** Without a credential report: the login profile (NoSuchEntity = no password) and MFA devices of one user. */
async function collectLogin(ctx: ScanContext, inventory: LiveInventory, user: IamUserInfo): Promise<void> {
  const iam = ctx.clients.iam();
  const profile = await ctx.step({ service: 'iam', operation: 'GetLoginProfile', guardrails: ['human-access-federated'] }, async (abortSignal) => {
    try {
      return (await iam.send(new GetLoginProfileCommand({ UserName: user.name }), { abortSignal })).LoginProfile ? 'password' : 'none';
    } catch (error) {
      if (error instanceof NoSuchEntityException) return 'none';
      throw error;
    }
  });
  if (profile !== 'password') return;
  const devices = await ctx.step({ service: 'iam', operation: 'ListMFADevices', guardrails: ['human-access-federated'] }, async (abortSignal) => {
    let count = 0;
    for await (const page of paginateListMFADevices({ client: iam }, { UserName: user.name }, { abortSignal })) count += page.MFADevices?.length ?? 0;
    return count;
  });
  addLogin(inventory, user, devices === undefined ? undefined : devices > 0, undefined);
}
