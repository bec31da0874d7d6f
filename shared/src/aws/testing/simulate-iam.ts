import type { SimulatedAccessKey, SimulatedAccountSpec, SimulatedRole, SimulatedUser } from './simulated-account-spec';
import type { SimulatedList } from './simulated-list';
import { concatenatedLists, mappedList } from './simulated-list';
import { el, encodePolicy, page, queryError, queryResponse } from './aws-wire';

const REPORT_COLUMNS =
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';

type DetailItem = { user: SimulatedUser } | { role: SimulatedRole } | { policy: string };

const tagsXml = (tags: Record<string, string> | undefined) =>
  tags ? `<Tags>${Object.entries(tags).map(([k, v]) => `<member>${el('Key', k)}${el('Value', v)}</member>`).join('')}</Tags>` : '';

/** IAM, as the simulated account answers it (AWS Query protocol). */
export class IamSimulator {
  #userIndex: Map<string, number> | undefined;
  #keyIndex: Map<string, number> | undefined;
  #reportPending: number;

  constructor(private readonly spec: SimulatedAccountSpec) {
    this.#reportPending = spec.faults.reportInProgress ?? 0;
  }

  /** A user by name; the index (names only) is built on first use, since users may be generated on demand. */
  #user(name: string): SimulatedUser | undefined {
    const users = this.spec.users;
    if (!this.#userIndex) {
      this.#userIndex = new Map();
      for (let i = 0; i < users.length; i++) this.#userIndex.set(users.at(i)!.name, i);
    }
    const i = this.#userIndex.get(name);
    return i === undefined ? undefined : users.at(i);
  }

  /** The user holding an access key id, and the key. */
  #key(id: string): { user: SimulatedUser; key: SimulatedAccessKey } | undefined {
    const users = this.spec.users;
    if (!this.#keyIndex) {
      this.#keyIndex = new Map();
      for (let i = 0; i < users.length; i++) for (const k of users.at(i)!.keys ?? []) this.#keyIndex.set(k.id, i);
    }
    const i = this.#keyIndex.get(id);
    const user = i === undefined ? undefined : users.at(i);
    const key = user?.keys?.find((k) => k.id === id);
    return user && key ? { user, key } : undefined;
  }

  userArn = (name: string) => `arn:aws:iam::${this.spec.accountId}:user/${name}`;
  roleArn = (name: string) => `arn:aws:iam::${this.spec.accountId}:role/${name}`;
  profileArn = (name: string) => `arn:aws:iam::${this.spec.accountId}:instance-profile/${name}`;
  policyArn = (name: string) => `arn:aws:iam::${this.spec.accountId}:policy/${name}`;

  respond(action: string, p: URLSearchParams): Response {
    const size = Math.min(Number(p.get('MaxItems') ?? 100), this.spec.pageSize ?? Infinity);
    const start = Number(p.get('Marker') ?? 0);
    switch (action) {
      case 'GetAccountAuthorizationDetails':
        return this.#authorizationDetails(p, start, size);
      case 'GenerateCredentialReport':
        return queryResponse('iam', action, `<State>${this.#reportPending > 0 ? 'STARTED' : 'COMPLETE'}</State><Description>simulated</Description>`);
      case 'GetCredentialReport':
        if (this.#reportPending > 0) {
          this.#reportPending--;
          return queryError('iam', 'ReportInProgress', 404, 'Report generation in progress');
        }
        return queryResponse('iam', action, `<Content>${Buffer.from(this.#report()).toString('base64')}</Content><ReportFormat>text/csv</ReportFormat><GeneratedTime>2026-11-28T06:00:00Z</GeneratedTime>`);
      case 'ListAccessKeys': {
        const user = this.#user(p.get('UserName') ?? '');
        if (!user) return queryError('iam', 'NoSuchEntity', 404);
        const { items, next } = page(user.keys ?? [], start, size);
        const members = items.map((k) => `<member>${el('UserName', user.name)}${el('AccessKeyId', k.id)}${el('Status', k.status)}${el('CreateDate', k.created)}</member>`).join('');
        return queryResponse('iam', action, `${el('UserName', user.name)}<AccessKeyMetadata>${members}</AccessKeyMetadata>${el('IsTruncated', next !== undefined)}${el('Marker', next)}`);
      }
      case 'GetAccessKeyLastUsed': {
        const found = this.#key(p.get('AccessKeyId') ?? '');
        if (!found) return queryError('iam', 'NoSuchEntity', 404);
        const { user, key } = found;
        // Never used: no LastUsedDate, and ServiceName/Region say N/A.
        const used = key.lastUsed ? `${el('LastUsedDate', key.lastUsed)}<ServiceName>s3</ServiceName><Region>eu-west-1</Region>` : '<ServiceName>N/A</ServiceName><Region>N/A</Region>';
        return queryResponse('iam', action, `<AccessKeyLastUsed>${used}</AccessKeyLastUsed>${el('UserName', user.name)}`);
      }
      case 'GetLoginProfile': {
        const user = this.#user(p.get('UserName') ?? '');
        if (!user?.password) return queryError('iam', 'NoSuchEntity', 404, 'Login Profile for User cannot be found.');
        return queryResponse('iam', action, `<LoginProfile>${el('UserName', user.name)}<CreateDate>2020-01-01T00:00:00Z</CreateDate><PasswordResetRequired>false</PasswordResetRequired></LoginProfile>`);
      }
      case 'ListMFADevices': {
        const user = this.#user(p.get('UserName') ?? '');
        const device = user?.password?.mfa ? `<member>${el('UserName', user.name)}${el('SerialNumber', `arn:aws:iam::${this.spec.accountId}:mfa/${user.name}`)}<EnableDate>2020-01-01T00:00:00Z</EnableDate></member>` : '';
        return queryResponse('iam', action, `<MFADevices>${device}</MFADevices><IsTruncated>false</IsTruncated>`);
      }
      default:
        return queryError('iam', 'InvalidAction', 400, `the simulator does not answer ${action}`);
    }
  }

  #authorizationDetails(p: URLSearchParams, start: number, size: number): Response {
    const filters = new Set([...p.entries()].filter(([k]) => k.startsWith('Filter.member.')).map(([, v]) => v));
    const wanted = (f: string) => !filters.size || filters.has(f);
    // Users, then roles, then policies, paged by position: generated users are made only for the page that shows them.
    const policyNames = wanted('LocalManagedPolicy') ? Object.keys(this.spec.policies) : [];
    const items: SimulatedList<DetailItem> = concatenatedLists<DetailItem>(
      wanted('User') ? mappedList(this.spec.users, (user) => ({ user })) : [],
      wanted('Role') ? this.spec.roles.map((role) => ({ role })) : [],
      policyNames.map((policy) => ({ policy })),
    );
    const { items: shown, next } = page(items, start, size);
    let users = '';
    let roles = '';
    let policies = '';
    for (const item of shown) {
      if ('user' in item) users += this.#userXml(item.user);
      else if ('role' in item) roles += this.#roleXml(item.role);
      else policies += this.#policyXml(item.policy);
    }
    return queryResponse(
      'iam',
      'GetAccountAuthorizationDetails',
      `<UserDetailList>${users}</UserDetailList><GroupDetailList/><RoleDetailList>${roles}</RoleDetailList><Policies>${policies}</Policies>${el('IsTruncated', next !== undefined)}${el('Marker', next)}`,
    );
  }

  #userXml(u: SimulatedUser): string {
    return `<member><Path>/</Path>${el('UserName', u.name)}${el('UserId', `AIDA${u.name.toUpperCase().replace(/[^A-Z0-9]/g, '')}`)}${el('Arn', this.userArn(u.name))}${el('CreateDate', u.created ?? '2020-01-01T00:00:00Z')}<UserPolicyList/><GroupList/><AttachedManagedPolicies/>${tagsXml(u.tags)}</member>`;
  }

  #roleBasics(r: SimulatedRole): string {
    return `<Path>/</Path>${el('RoleName', r.name)}${el('RoleId', `AROA${r.name.toUpperCase().replace(/[^A-Z0-9]/g, '')}`)}${el('Arn', this.roleArn(r.name))}<CreateDate>2021-01-01T00:00:00Z</CreateDate>${el('AssumeRolePolicyDocument', encodePolicy(r.trust))}`;
  }

  #roleXml(r: SimulatedRole): string {
    const profiles = (r.instanceProfiles ?? [])
      .map((name) => `<member><Path>/</Path>${el('InstanceProfileName', name)}${el('InstanceProfileId', `AIPA${name.toUpperCase()}`)}${el('Arn', this.profileArn(name))}<CreateDate>2021-01-01T00:00:00Z</CreateDate><Roles><member>${this.#roleBasics(r)}</member></Roles></member>`)
      .join('');
    const inline = Object.entries(r.inline ?? {})
      .map(([name, doc]) => `<member>${el('PolicyName', name)}${el('PolicyDocument', encodePolicy(doc))}</member>`)
      .join('');
    const attached = (r.attached ?? []).map((arn) => `<member>${el('PolicyName', arn.slice(arn.lastIndexOf('/') + 1))}${el('PolicyArn', arn)}</member>`).join('');
    return `<member>${this.#roleBasics(r)}<InstanceProfileList>${profiles}</InstanceProfileList><RolePolicyList>${inline}</RolePolicyList><AttachedManagedPolicies>${attached}</AttachedManagedPolicies>${tagsXml(r.tags)}</member>`;
  }

  #policyXml(name: string): string {
    const doc = this.spec.policies[name];
    return `<member>${el('PolicyName', name)}${el('PolicyId', `ANPA${name.toUpperCase().replace(/[^A-Z0-9]/g, '')}`)}${el('Arn', this.policyArn(name))}<Path>/</Path><DefaultVersionId>v1</DefaultVersionId><AttachmentCount>1</AttachmentCount><IsAttachable>true</IsAttachable><CreateDate>2021-01-01T00:00:00Z</CreateDate><PolicyVersionList><member>${el('Document', encodePolicy(doc))}<VersionId>v1</VersionId><IsDefaultVersion>true</IsDefaultVersion><CreateDate>2021-01-01T00:00:00Z</CreateDate></member></PolicyVersionList></member>`;
  }

  #report(): string {
    const rows = [REPORT_COLUMNS, `<root_account>,arn:aws:iam::${this.spec.accountId}:root,2015-01-01T00:00:00+00:00,not_supported,2026-10-01T10:00:00+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`];
    for (let i = 0; i < this.spec.users.length; i++) {
      const u = this.spec.users.at(i)!;
      const slot = (n: number) => {
        const k = u.keys?.[n];
        if (!k) return 'false,N/A,N/A,N/A,N/A';
        return [k.status === 'Active', k.created, k.lastUsed ?? 'N/A', k.lastUsed ? 'eu-west-1' : 'N/A', k.lastUsed ? 's3' : 'N/A'].join(',');
      };
      const name = u.name.includes(',') ? `"${u.name}"` : u.name;
      rows.push([name, this.userArn(u.name), u.created ?? '2020-01-01T00:00:00+00:00', !!u.password, u.password?.lastUsed ?? 'N/A', 'N/A', 'N/A', !!u.password?.mfa, slot(0), slot(1), 'false,N/A,false,N/A'].join(','));
    }
    return rows.join('\n');
  }
}

