import { mockServices, mockCredentials, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { SIMULATED_CREDENTIALS, simulatedAccount, simulatedAccountSpec, simulatedKeyId } from '@pavedroad/guardrails-core/aws-testing';
import { setupServer } from 'msw/node';
import type { Server } from 'node:http';
import request from 'supertest';
import guardrailsPlugin from '../index';
import { openApiProblems } from '../testing/openapi-conformance';
import { createTestDatabases } from '../testing/test-databases';

const ACCOUNT = '123456789012';
const SCAN_ROLE = `arn:aws:iam::${ACCOUNT}:role/guardrails-scanner`;
const EC2_TRUST = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] };

// The simulated account: an old key, a user without MFA, an IMDSv1 instance tagged for `web`, a public EKS API,
// and EKS node groups the scanner may not read.
const account = simulatedAccount(
  simulatedAccountSpec({
    accountId: ACCOUNT,
    scanRole: { arn: SCAN_ROLE, externalId: 'portal' },
    organization: 'none',
    users: [
      { name: 'ci-deployer', keys: [{ id: simulatedKeyId('ci-deployer', 1), status: 'Active', created: '2021-02-01T00:00:00Z', lastUsed: '2026-11-27T00:00:00Z' }] },
      { name: 'oncall', password: { mfa: false } },
    ],
    roles: [{ name: 'web', trust: EC2_TRUST, attached: ['arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore'], instanceProfiles: ['web'] }],
    regions: {
      'eu-west-1': {
        instances: [{ id: 'i-0aaaaaaaaaaaaaaa1', httpTokens: 'optional', profile: 'web', tags: { 'backstage.io/component': 'web' } }],
        imdsDefault: 'required',
        clusters: [{ name: 'prod', publicAccess: true, publicAccessCidrs: ['0.0.0.0/0'] }],
      },
    },
    accountBlock: { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
    buckets: [],
    faults: { deny: ['eks:ListNodegroups'] },
  }),
);

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: 'prod-account', annotations: { 'amazonaws.com/account-id': ACCOUNT } },
    spec: { type: 'aws-account', owner: 'team-platform' },
  },
  { apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: 'web' }, spec: { type: 'service', lifecycle: 'production', owner: 'team-web' } },
];

const server = setupServer(...account.handlers);
const env = { ...process.env };
beforeAll(() => {
  server.listen({ onUnhandledRequest: 'bypass' });
  // The plugin uses the SDK's default credential chain: environment credentials here, a role in production.
  process.env.AWS_ACCESS_KEY_ID = SIMULATED_CREDENTIALS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = SIMULATED_CREDENTIALS.secretAccessKey;
  process.env.AWS_REGION = 'us-east-1';
});
afterAll(() => {
  server.close();
  process.env = env;
});

async function get(server: Server, path: string) {
  const res = await request(server).get(`/api/guardrails${path}`).set('authorization', mockCredentials.user.header());
  expect(openApiProblems('get', path, res.status, res.body)).toEqual([]);
  return res;
}

describe('scheduled live AWS scans', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())('file a simulated account on the entities that claim it and the ones its tags name, on %p', async (id) => {
    const knex = await databases.init(id);
    const backend = await startTestBackend({
      features: [
        guardrailsPlugin,
        mockServices.scheduler.factory({ includeInitialDelayedTasksOnStartup: true }),
        mockServices.database.factory({ knex }),
        catalogServiceMock.factory({ entities }),
        mockServices.rootConfig.factory({
          data: {
            guardrails: {
              aws: { accounts: [{ accountId: ACCOUNT, roleArn: SCAN_ROLE, externalId: 'portal', regions: ['eu-west-1'] }], schedule: { frequencyMinutes: 60 } },
            },
          },
        }),
      ],
    });
    const http = backend.server;

    let card = (await get(http, '/entities/resource/default/prod-account/scorecard')).body;
    for (let i = 0; i < 200 && !card.evaluated; i++) {
      await new Promise((r) => setTimeout(r, 50));
      card = (await get(http, '/entities/resource/default/prod-account/scorecard')).body;
    }
    expect(card.evaluated).toBe(true);
    expect(card.sources).toEqual([expect.objectContaining({ sourceKey: `aws:${ACCOUNT}`, source: 'aws', partial: true })]);
    expect(card.statuses).toMatchObject({
      'no-long-lived-cloud-keys': 'fail',
      'human-access-federated': 'fail',
      'k8s-api-private': 'fail',
      'storage-not-public': 'pass',
    });
    // Node groups could not be read: their roles' privileges are undecided, never passed.
    expect(card.statuses['least-privilege-workloads']).toBe('unknown');
    expect(card.guardrails.find((g: { id: string }) => g.id === 'least-privilege-workloads').reason).toContain(`aws:${ACCOUNT}`);

    const findings = (await get(http, '/entities/resource/default/prod-account/findings?source=aws')).body.items;
    expect(findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(expect.arrayContaining(['iam-access-key-age', 'iam-user-console-no-mfa', 'k8s-api-public']));
    const key = findings.find((f: { ruleId: string }) => f.ruleId === 'iam-access-key-age');
    expect(key.resource).toMatchObject({ provider: 'aws', account: ACCOUNT });
    expect(key.link).toMatch(/^https:\/\/console\.aws\.amazon\.com\/iam\/home#\/users\/details\/ci-deployer$/);
    // The full key id never reaches the portal.
    expect(JSON.stringify(findings)).not.toContain(simulatedKeyId('ci-deployer', 1));

    // The IMDSv1 instance is tagged for `web`: its finding is on web's scorecard, not the account's.
    const web = (await get(http, '/entities/component/default/web/scorecard')).body;
    expect(web).toMatchObject({ evaluated: true, entity: { owner: 'group:default/team-web' } });
    expect(web.statuses['imdsv2-enforced']).toBe('fail');
    expect(card.statuses['imdsv2-enforced']).toBe('pass');

    // A manual rescan (permission guardrails.scan.trigger) and an account that is not configured.
    const trigger = (accountId: string) => request(http).post(`/api/guardrails/aws/accounts/${accountId}/scan`).set('authorization', mockCredentials.user.header());
    const triggered = await trigger(ACCOUNT);
    expect(triggered.status).toBe(202);
    expect(openApiProblems('post', `/aws/accounts/${ACCOUNT}/scan`, triggered.status, triggered.body)).toEqual([]);
    const unknown = await trigger('999999999999');
    expect(unknown.status).toBe(404);
    expect(openApiProblems('post', '/aws/accounts/999999999999/scan', unknown.status, unknown.body)).toEqual([]);

    expect((await get(http, '/aws/accounts')).body.items).toEqual([{ accountId: ACCOUNT, regions: ['eu-west-1'], taskId: `guardrails-aws-scan-${ACCOUNT}` }]);
    await backend.stop();
  }, 60_000);
});
