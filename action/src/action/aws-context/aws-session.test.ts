// Finding the job's AWS credentials through the SDK's default chain, never through instance metadata.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { setupServer } from 'msw/node';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { ALPHABETS, fakeSecret } from '@pavedroad/guardrails-core';
import { awsHandlers, REGION, requests, resetAws, USER_KEY } from './aws-fake';
import { connectAws, withImdsDisabled } from './aws-session';

const server = setupServer(...awsHandlers);
const hosts: string[] = [];
server.events.on('request:start', ({ request }) => {
  hosts.push(new URL(request.url).host);
});
const saved = { ...process.env };

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => {
  resetAws();
  hosts.length = 0;
  for (const name of Object.keys(process.env)) if (name.startsWith('AWS_')) delete process.env[name];
  // No shared files from the machine running the tests.
  process.env.AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/credentials';
  process.env.AWS_CONFIG_FILE = '/nonexistent/config';
});
afterEach(() => {
  process.env = { ...saved };
  server.resetHandlers();
});
afterAll(() => server.close());

describe('connecting with the job credentials', () => {
  it('uses the keys configure-aws-credentials leaves in the environment, and the job region', async () => {
    process.env.AWS_ACCESS_KEY_ID = USER_KEY;
    process.env.AWS_SECRET_ACCESS_KEY = fakeSecret('session test secret', ALPHABETS.base64, 40);
    process.env.AWS_REGION = REGION;
    const connection = await withImdsDisabled(() => connectAws());
    if (!connection.ok) throw new Error(connection.why);
    expect(connection.session).toMatchObject({ accessKeyId: USER_KEY, region: REGION });
    expect(await connection.session.ec2!.config.region()).toBe(REGION);
    const identity = await connection.session.sts.send(new GetCallerIdentityCommand({}));
    expect(identity.Account).toBe('123456789012');
    expect(requests.map((r) => r.permission)).toEqual(['sts:GetCallerIdentity']);
  });

  it('has no EC2 client without a region, and IAM and STS fall back to us-east-1', async () => {
    process.env.AWS_ACCESS_KEY_ID = USER_KEY;
    process.env.AWS_SECRET_ACCESS_KEY = 'secret';
    const connection = await withImdsDisabled(() => connectAws());
    if (!connection.ok) throw new Error(connection.why);
    expect(connection.session.ec2).toBeUndefined();
    expect(connection.session.region).toBeUndefined();
    expect(await connection.session.iam.config.region()).toBe('us-east-1');
  });

  it('finds nothing on a runner without credentials, without asking instance metadata, and restores the environment', async () => {
    process.env.AWS_EC2_METADATA_DISABLED = 'false';
    const started = Date.now();
    const connection = await withImdsDisabled(() => connectAws(process.env, 2000));
    expect(connection.ok).toBe(false);
    if (!connection.ok) expect(connection.why).toMatch(/^the job has no AWS credentials \(/);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(hosts).toEqual([]);
    expect(process.env.AWS_EC2_METADATA_DISABLED).toBe('false');
  });
});
