import { ALPHABETS, fakeSecret } from '../../secrets/fake-secret';
import type { SimulatedAccountSpec } from './simulated-account-spec';
import { el, json11Error, jsonResponse, queryError, queryResponse } from './aws-wire';

/** STS and Organizations, as the simulated account answers them. */
export class IdentitySimulator {
  #assumed = false;

  constructor(private readonly spec: SimulatedAccountSpec) {}

  sts(action: string, p: URLSearchParams): Response {
    const account = this.spec.callerAccountId ?? this.spec.accountId;
    switch (action) {
      case 'AssumeRole': {
        const role = this.spec.scanRole;
        if (!role || p.get('RoleArn') !== role.arn) return queryError('sts', 'AccessDenied', 403, `not authorized to perform sts:AssumeRole on ${p.get('RoleArn') ?? ''}`);
        if (role.externalId !== undefined && p.get('ExternalId') !== role.externalId) return queryError('sts', 'AccessDenied', 403, 'the external id does not match');
        this.#assumed = true;
        const session = p.get('RoleSessionName') ?? 'session';
        // Temporary credentials: ASIA key ids and a session token, generated so no key-shaped literal is in code.
        const creds = `<Credentials>${el('AccessKeyId', 'ASIA' + fakeSecret('simulated session key', ALPHABETS.base32, 16))}${el('SecretAccessKey', fakeSecret('simulated session secret', ALPHABETS.base64, 40))}${el('SessionToken', fakeSecret('simulated session token', ALPHABETS.base64, 120))}<Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>`;
        return queryResponse('sts', action, `${creds}<AssumedRoleUser>${el('AssumedRoleId', `AROASCAN:${session}`)}${el('Arn', `arn:aws:sts::${account}:assumed-role/${role.arn.slice(role.arn.lastIndexOf('/') + 1)}/${session}`)}</AssumedRoleUser>`);
      }
      case 'GetCallerIdentity': {
        const role = this.spec.scanRole;
        const arn = this.#assumed && role ? `arn:aws:sts::${account}:assumed-role/${role.arn.slice(role.arn.lastIndexOf('/') + 1)}/paved-road-guardrails` : `arn:aws:iam::${account}:user/scanner`;
        return queryResponse('sts', action, `${el('UserId', 'AIDASCANNER')}${el('Account', account)}${el('Arn', arn)}`);
      }
      default:
        return queryError('sts', 'InvalidAction', 400);
    }
  }

  organizations(action: string): Response {
    if (action !== 'DescribeOrganization') return json11Error('InvalidInputException', 400);
    const org = this.spec.organization;
    if (org === 'none') return json11Error('AWSOrganizationsNotInUseException', 400, 'Your account is not a member of an organization.');
    return jsonResponse(
      {
        Organization: {
          Id: org.id,
          Arn: `arn:aws:organizations::${org.managementAccountId}:organization/${org.id}`,
          FeatureSet: 'ALL',
          MasterAccountArn: `arn:aws:organizations::${org.managementAccountId}:account/${org.id}/${org.managementAccountId}`,
          MasterAccountId: org.managementAccountId,
          MasterAccountEmail: 'aws-management@example.com',
        },
      },
      'application/x-amz-json-1.1',
    );
  }
}
