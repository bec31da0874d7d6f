// AWS for tests: msw handlers that answer STS, IAM and EC2 in their own Query/XML formats, so the real SDK
// clients sign, send, retry and parse. Per-test state says who the caller is and what the account holds.
import { delay, http, HttpResponse } from 'msw';
import { EC2Client } from '@aws-sdk/client-ec2';
import { IAMClient } from '@aws-sdk/client-iam';
import { STSClient } from '@aws-sdk/client-sts';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { ALPHABETS, fakeSecret } from '@pavedroad/guardrails-core';
import type { AwsPermission } from './aws-call';
import type { AwsSession } from './aws-session';

export const REGION = 'eu-west-1';
export const ACCOUNT = '123456789012';
/** The job's own keys: a long-lived IAM user key and a role session's temporary key. */
export const USER_KEY = 'AKIA' + fakeSecret('aws fake user key', ALPHABETS.base32, 16);
export const ROLE_KEY = 'ASIA' + fakeSecret('aws fake role key', ALPHABETS.base32, 16);
const OTHER_KEY = 'AKIA' + fakeSecret('aws fake other key', ALPHABETS.base32, 16);

export interface AwsFakeState {
  caller: 'user' | 'role';
  keyCreated: string;
  keyLastUsed?: string;
  /** The account's IMDS default in REGION; `none` answers an empty AccountLevel. */
  imdsDefault: 'required' | 'optional' | 'none';
  /** ImdsSupport per AMI id; an AMI not listed is not found. */
  amis: Record<string, 'v2.0' | 'unset'>;
  /** Account per key id, for GetAccessKeyInfo. */
  keyAccounts: Record<string, string>;
  /** Calls answered with AccessDenied / UnauthorizedOperation. */
  deny: Set<AwsPermission>;
  /** Calls throttled this many more times before they answer. */
  throttle: Map<AwsPermission, number>;
  /** Calls that never answer in time. */
  hang: Set<AwsPermission>;
  /** Calls whose connection fails. */
  drop: Set<AwsPermission>;
}

export const state: AwsFakeState = freshState();
/** Every request, as `service:Action`, with its form parameters. */
export const requests: { permission: string; params: URLSearchParams }[] = [];

export function freshState(): AwsFakeState {
  return {
    caller: 'user',
    keyCreated: '2025-10-24T12:00:00Z',
    keyLastUsed: '2026-11-27T09:00:00Z',
    imdsDefault: 'none',
    amis: {},
    keyAccounts: {},
    deny: new Set(),
    throttle: new Map(),
    hang: new Set(),
    drop: new Set(),
  };
}

export function resetAws(): void {
  Object.assign(state, freshState());
  requests.length = 0;
}

/** Clients as the job would have them, on static test credentials (no credential chain, no IMDS) and no retry waits. */
export function fakeSession(accessKeyId = state.caller === 'user' ? USER_KEY : ROLE_KEY): AwsSession {
  const credentials = { accessKeyId, secretAccessKey: fakeSecret('aws fake secret', ALPHABETS.base64, 40), ...(accessKeyId.startsWith('ASIA') ? { sessionToken: 'session-token' } : {}) };
  const common = { credentials, retryStrategy: new ConfiguredRetryStrategy(3, () => 0) };
  return {
    sts: new STSClient({ ...common, region: REGION }),
    iam: new IAMClient({ ...common, region: 'us-east-1' }),
    ec2: new EC2Client({ ...common, region: REGION }),
    region: REGION,
    accessKeyId,
  };
}

const xml = (body: string, status = 200): Response => new HttpResponse(body, { status, headers: { 'Content-Type': 'text/xml' } });
const queryError = (ns: string, code: string, status: number) =>
  xml(`<ErrorResponse xmlns="${ns}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${code} for this request</Message></Error><RequestId>e-1</RequestId></ErrorResponse>`, status);
const ec2Error = (code: string, status: number) =>
  xml(`<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${code}</Code><Message>${code} for this request</Message></Error></Errors><RequestID>e-1</RequestID></Response>`, status);

const STS_NS = 'https://sts.amazonaws.com/doc/2011-06-15/';
const IAM_NS = 'https://iam.amazonaws.com/doc/2010-05-08/';
const EC2_NS = 'http://ec2.amazonaws.com/doc/2016-11-15/';

function sts(action: string, p: URLSearchParams): Response {
  switch (action) {
    case 'GetCallerIdentity': {
      const arn = state.caller === 'user' ? `arn:aws:iam::${ACCOUNT}:user/ci/ci-deploy` : `arn:aws:sts::${ACCOUNT}:assumed-role/deploy/GitHubActions`;
      return xml(`<GetCallerIdentityResponse xmlns="${STS_NS}"><GetCallerIdentityResult><Arn>${arn}</Arn><UserId>AIDAEXAMPLEUSERID0001</UserId><Account>${ACCOUNT}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>s-1</RequestId></ResponseMetadata></GetCallerIdentityResponse>`);
    }
    case 'GetAccessKeyInfo': {
      const account = state.keyAccounts[p.get('AccessKeyId') ?? ''];
      if (!account) return queryError(STS_NS, 'ValidationError', 400);
      return xml(`<GetAccessKeyInfoResponse xmlns="${STS_NS}"><GetAccessKeyInfoResult><Account>${account}</Account></GetAccessKeyInfoResult><ResponseMetadata><RequestId>s-2</RequestId></ResponseMetadata></GetAccessKeyInfoResponse>`);
    }
  }
  return queryError(STS_NS, 'InvalidAction', 400);
}

function iam(action: string): Response {
  switch (action) {
    case 'ListAccessKeys':
      return xml(
        `<ListAccessKeysResponse xmlns="${IAM_NS}"><ListAccessKeysResult><UserName>ci-deploy</UserName><AccessKeyMetadata>` +
          `<member><UserName>ci-deploy</UserName><AccessKeyId>${OTHER_KEY}</AccessKeyId><Status>Inactive</Status><CreateDate>2019-01-01T00:00:00Z</CreateDate></member>` +
          `<member><UserName>ci-deploy</UserName><AccessKeyId>${USER_KEY}</AccessKeyId><Status>Active</Status><CreateDate>${state.keyCreated}</CreateDate></member>` +
          `</AccessKeyMetadata><IsTruncated>false</IsTruncated></ListAccessKeysResult><ResponseMetadata><RequestId>i-1</RequestId></ResponseMetadata></ListAccessKeysResponse>`,
      );
    case 'GetAccessKeyLastUsed':
      return xml(
        `<GetAccessKeyLastUsedResponse xmlns="${IAM_NS}"><GetAccessKeyLastUsedResult><AccessKeyLastUsed>` +
          (state.keyLastUsed ? `<LastUsedDate>${state.keyLastUsed}</LastUsedDate><ServiceName>s3</ServiceName><Region>${REGION}</Region>` : '<ServiceName>N/A</ServiceName><Region>N/A</Region>') +
          `</AccessKeyLastUsed><UserName>ci-deploy</UserName></GetAccessKeyLastUsedResult><ResponseMetadata><RequestId>i-2</RequestId></ResponseMetadata></GetAccessKeyLastUsedResponse>`,
      );
  }
  return queryError(IAM_NS, 'InvalidAction', 400);
}

function ec2(action: string, p: URLSearchParams): Response {
  switch (action) {
    case 'GetInstanceMetadataDefaults': {
      const level = state.imdsDefault === 'none' ? '<accountLevel/>' : `<accountLevel><httpTokens>${state.imdsDefault}</httpTokens><httpPutResponseHopLimit>2</httpPutResponseHopLimit><managedBy>account</managedBy></accountLevel>`;
      return xml(`<GetInstanceMetadataDefaultsResponse xmlns="${EC2_NS}"><requestId>r-1</requestId>${level}</GetInstanceMetadataDefaultsResponse>`);
    }
    case 'DescribeImages': {
      const id = p.get('ImageId.1') ?? '';
      const support = state.amis[id];
      if (!support) return ec2Error('InvalidAMIID.NotFound', 400);
      return xml(
        `<DescribeImagesResponse xmlns="${EC2_NS}"><requestId>r-2</requestId><imagesSet><item><imageId>${id}</imageId><imageState>available</imageState>` +
          `<imageOwnerId>${ACCOUNT}</imageOwnerId>${support === 'v2.0' ? '<imdsSupport>v2.0</imdsSupport>' : ''}</item></imagesSet></DescribeImagesResponse>`,
      );
    }
  }
  return ec2Error('InvalidAction', 400);
}

async function answer(service: 'sts' | 'iam' | 'ec2', request: Request): Promise<Response> {
  const params = new URLSearchParams(await request.text());
  const action = params.get('Action') ?? '';
  const permission = `${service}:${action}` as AwsPermission;
  requests.push({ permission, params });
  if (state.drop.has(permission)) return HttpResponse.error();
  if (state.hang.has(permission)) await delay(2000);
  const throttles = state.throttle.get(permission) ?? 0;
  if (throttles > 0) {
    state.throttle.set(permission, throttles - 1);
    return service === 'ec2' ? ec2Error('RequestLimitExceeded', 503) : queryError(service === 'sts' ? STS_NS : IAM_NS, 'Throttling', 400);
  }
  if (state.deny.has(permission)) return service === 'ec2' ? ec2Error('UnauthorizedOperation', 403) : queryError(service === 'sts' ? STS_NS : IAM_NS, 'AccessDenied', 403);
  return service === 'sts' ? sts(action, params) : service === 'iam' ? iam(action) : ec2(action, params);
}

export const awsHandlers = [
  http.post(`https://sts.${REGION}.amazonaws.com/`, ({ request }) => answer('sts', request)),
  http.post('https://iam.amazonaws.com/', ({ request }) => answer('iam', request)),
  http.post(`https://ec2.${REGION}.amazonaws.com/`, ({ request }) => answer('ec2', request)),
];
