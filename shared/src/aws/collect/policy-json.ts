import type { Attr, Site } from '../../iac/model/attr';
import { set, unknown } from '../../iac/model/attr';
import type { PolicyDocument } from '../../iac/model/policy-document';
import { policyFromValue } from '../../iac/model/policy-from-value';

/**
 * A policy document as IAM returns it: URL-encoded JSON (RFC 3986; the SDK does not decode it). S3 bucket
 * policies arrive as plain JSON. Live documents are complete, so no part is unknown.
 */
export function livePolicy(text: string | undefined, at: Site, what: string, encoded: boolean): Attr<PolicyDocument> {
  if (text === undefined) return unknown(at, `${what} was not returned`);
  let json: unknown;
  try {
    json = JSON.parse(encoded ? decodeURIComponent(text) : text) as unknown;
  } catch {
    return unknown(at, `${what} is not valid JSON`);
  }
  const doc = policyFromValue(json, at, () => false);
  return doc ? set(doc, at) : unknown(at, `${what} is not a policy document`);
}
