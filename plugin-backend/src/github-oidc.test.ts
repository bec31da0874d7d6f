import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { generateKeyPairSync, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import guardrailsPlugin from './index';
import { makeReport } from './testing/report-fixtures';
import { createTestDatabases } from './testing/test-databases';

// GitHub Actions OIDC as the portal sees it: `backend.auth.externalAccess` type jwks verifies the token against
// the issuer's key set (served here by a local stand-in for token.actions.githubusercontent.com), and the plugin
// binds the caller to the repository in the token's subject.
const ISSUER = 'https://token.actions.githubusercontent.com';
const AUDIENCE = 'guardrails-portal';
const KID = 'test-key-1';

const b64url = (value: Buffer | string) => Buffer.from(value).toString('base64url');

function githubToken(privateKey: KeyObject, claims: Record<string, unknown>): string {
  const now = Math.floor(Date.now() / 1000);
  const header = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: KID }));
  const payload = b64url(JSON.stringify({ iss: ISSUER, aud: AUDIENCE, iat: now, nbf: now - 5, exp: now + 300, ...claims }));
  const signature = sign('RSA-SHA256', Buffer.from(`${header}.${payload}`), privateKey);
  return `${header}.${payload}.${b64url(signature)}`;
}

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'payments-api', annotations: { 'github.com/project-slug': 'acme/payments-api' } },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-payments' },
  },
];

describe('pushing reports with GitHub Actions OIDC', () => {
  const databases = createTestDatabases();
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwks = { keys: [{ ...publicKey.export({ format: 'jwk' }), kid: KID, alg: 'RS256', use: 'sig' }] };
  const issuer = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(jwks));
  });
  let jwksUrl = '';

  beforeAll(async () => {
    await new Promise<void>((done) => issuer.listen(0, '127.0.0.1', done));
    jwksUrl = `http://127.0.0.1:${(issuer.address() as AddressInfo).port}/.well-known/jwks`;
  });
  afterAll(async () => {
    await new Promise((done) => issuer.close(done));
  });

  it('accepts a token for the report\'s repository and refuses one for another repository or audience', async () => {
    const [id] = databases.eachSupportedId().map(([d]) => d).filter((d) => d === 'SQLITE_3');
    const knex = await databases.init(id ?? 'SQLITE_3');
    const { server } = await startTestBackend({
      features: [
        guardrailsPlugin,
        authServiceFactory,
        httpAuthServiceFactory,
        mockServices.database.factory({ knex }),
        catalogServiceMock.factory({ entities }),
        mockServices.rootConfig.factory({
          data: {
            backend: {
              baseUrl: 'http://localhost:7007',
              auth: {
                externalAccess: [
                  { type: 'jwks', options: { url: jwksUrl, issuer: ISSUER, audience: AUDIENCE, subjectPrefix: 'github' }, accessRestrictions: [{ plugin: 'guardrails' }] },
                ],
              },
            },
          },
        }),
      ],
    });
    const push = (token: string) => request(server).post('/api/guardrails/reports').set('authorization', `Bearer ${token}`).send(makeReport([]));

    const own = await push(githubToken(privateKey, { sub: 'repo:acme/payments-api:ref:refs/heads/main', repository: 'acme/payments-api' }));
    expect(own.status).toBe(201);
    expect(own.body.entities).toEqual(['component:default/payments-api']);

    const other = await push(githubToken(privateKey, { sub: 'repo:acme/web:ref:refs/heads/main', repository: 'acme/web' }));
    expect(other.status).toBe(403);
    expect(other.body.error.message).toContain('the GitHub OIDC token is for acme/web, not acme/payments-api');

    expect((await push(githubToken(privateKey, { sub: 'repo:acme/payments-api:ref:refs/heads/main', aud: 'someone-else' }))).status).toBe(401);
    const forged = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    expect((await push(githubToken(forged, { sub: 'repo:acme/payments-api:ref:refs/heads/main' }))).status).toBe(401);
  });
});
