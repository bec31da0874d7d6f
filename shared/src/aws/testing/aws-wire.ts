// Response builders in AWS's own wire formats, so the real SDK parses them: Query/XML (IAM, STS), EC2 Query,
// REST-XML (S3, S3 Control), REST-JSON (EKS) and JSON 1.1 (Organizations).
import { HttpResponse } from 'msw';
import type { SimulatedList } from './simulated-list';

export const escapeXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** `<Tag>value</Tag>` when the value is defined; nothing otherwise. */
export const el = (tag: string, value: string | number | boolean | undefined): string => (value === undefined ? '' : `<${tag}>${escapeXml(String(value))}</${tag}>`);

export const xml = (body: string, status = 200): Response => new HttpResponse(body, { status, headers: { 'Content-Type': 'text/xml' } });

const IAM_NS = 'https://iam.amazonaws.com/doc/2010-05-08/';
const STS_NS = 'https://sts.amazonaws.com/doc/2011-06-15/';
const EC2_NS = 'http://ec2.amazonaws.com/doc/2016-11-15/';

/** An AWS Query response (`<XResponse><XResult>…</XResult><ResponseMetadata/></XResponse>`). */
export function queryResponse(service: 'iam' | 'sts', action: string, result: string): Response {
  const ns = service === 'iam' ? IAM_NS : STS_NS;
  return xml(`<${action}Response xmlns="${ns}"><${action}Result>${result}</${action}Result><ResponseMetadata><RequestId>sim-1</RequestId></ResponseMetadata></${action}Response>`);
}

export function queryError(service: 'iam' | 'sts', code: string, status: number, message = `${code} (simulated)`): Response {
  const ns = service === 'iam' ? IAM_NS : STS_NS;
  return xml(`<ErrorResponse xmlns="${ns}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>sim-1</RequestId></ErrorResponse>`, status);
}

/** An EC2 Query response: lower-camel elements, lists as `<xSet><item>`. */
export function ec2Response(action: string, body: string): Response {
  return xml(`<${action}Response xmlns="${EC2_NS}"><requestId>sim-1</requestId>${body}</${action}Response>`);
}

export function ec2Error(code: string, status: number, message = `${code} (simulated)`): Response {
  return xml(`<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error></Errors><RequestID>sim-1</RequestID></Response>`, status);
}

export function s3Error(code: string, status: number, message = `${code} (simulated)`): Response {
  return xml(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${escapeXml(message)}</Message><RequestId>sim-1</RequestId><HostId>sim</HostId></Error>`, status);
}

export function jsonResponse(body: unknown, contentType = 'application/json'): Response {
  return new HttpResponse(JSON.stringify(body), { status: 200, headers: { 'Content-Type': contentType } });
}

/** A REST-JSON error (EKS): the type in `x-amzn-errortype`. */
export function restJsonError(code: string, status: number, message = `${code} (simulated)`): Response {
  return new HttpResponse(JSON.stringify({ message }), { status, headers: { 'Content-Type': 'application/json', 'x-amzn-errortype': code } });
}

/** A JSON 1.1 error (Organizations): the type in `__type`. */
export function json11Error(code: string, status: number, message = `${code} (simulated)`): Response {
  return new HttpResponse(JSON.stringify({ __type: code, message }), { status, headers: { 'Content-Type': 'application/x-amz-json-1.1' } });
}

/** IAM returns policy documents URL-encoded (RFC 3986); the SDK hands them over as they are. */
export const encodePolicy = (doc: unknown): string => encodeURIComponent(JSON.stringify(doc));

/** A page of `items` from `start`, and the next start when there is more. */
export function page<T>(items: SimulatedList<T>, start: number, size: number): { items: T[]; next?: number } {
  const end = Math.min(items.length, start + size);
  const shown: T[] = [];
  for (let i = start; i < end; i++) shown.push(items.at(i)!);
  return end < items.length ? { items: shown, next: end } : { items: shown };
}
