import type { PublicAccessBlockSpec, SimulatedAccountSpec } from './simulated-account-spec';
import { el, page, s3Error, xml } from './aws-wire';

const blockXml = (b: PublicAccessBlockSpec, ns = '') =>
  `<PublicAccessBlockConfiguration${ns}>${el('BlockPublicAcls', b.blockPublicAcls)}${el('IgnorePublicAcls', b.ignorePublicAcls)}${el('BlockPublicPolicy', b.blockPublicPolicy)}${el('RestrictPublicBuckets', b.restrictPublicBuckets)}</PublicAccessBlockConfiguration>`;

/** S3 and S3 Control, as the simulated account answers them (REST-XML). */
export class S3Simulator {
  constructor(private readonly spec: SimulatedAccountSpec) {}

  accountBlock(): Response {
    const b = this.spec.accountBlock;
    if (b === 'none') return s3Error('NoSuchPublicAccessBlockConfiguration', 404, 'The public access block configuration was not found');
    return xml(blockXml(b, ' xmlns="http://awss3control.amazonaws.com/doc/2018-08-20/"'));
  }

  listBuckets(query: URLSearchParams): Response {
    const size = Math.min(Number(query.get('max-buckets') ?? 10000), this.spec.pageSize ?? Infinity);
    const { items, next } = page(this.spec.buckets, Number(query.get('continuation-token') ?? 0), size);
    const buckets = items.map((b) => `<Bucket>${el('Name', b.name)}<CreationDate>2022-01-01T00:00:00.000Z</CreationDate>${el('BucketRegion', b.region)}</Bucket>`).join('');
    return xml(`<ListAllMyBucketsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Owner><ID>owner</ID></Owner><Buckets>${buckets}</Buckets>${el('ContinuationToken', next)}</ListAllMyBucketsResult>`);
  }

  /** The operation a bucket request asks for, from its sub-resource (`?policy`, `?acl`, ...). */
  static operation(query: URLSearchParams): string {
    if (query.has('publicAccessBlock')) return 'GetPublicAccessBlock';
    if (query.has('policyStatus')) return 'GetBucketPolicyStatus';
    if (query.has('policy')) return 'GetBucketPolicy';
    if (query.has('acl')) return 'GetBucketAcl';
    if (query.has('tagging')) return 'GetBucketTagging';
    return 'Unknown';
  }

  bucket(name: string, operation: string): Response {
    const b = this.spec.buckets.find((x) => x.name === name);
    if (!b) return s3Error('NoSuchBucket', 404);
    switch (operation) {
      case 'GetPublicAccessBlock':
        return !b.block || b.block === 'none' ? s3Error('NoSuchPublicAccessBlockConfiguration', 404) : xml(blockXml(b.block));
      case 'GetBucketPolicy':
        return b.policy ? new Response(JSON.stringify(b.policy), { headers: { 'Content-Type': 'application/json' } }) : s3Error('NoSuchBucketPolicy', 404, 'The bucket policy does not exist');
      case 'GetBucketPolicyStatus': {
        if (!b.policy) return s3Error('NoSuchBucketPolicy', 404);
        const publicPolicy = JSON.stringify(b.policy).includes('"Principal":"*"') && !(b.block !== 'none' && b.block?.restrictPublicBuckets);
        return xml(`<PolicyStatus>${el('IsPublic', publicPolicy)}</PolicyStatus>`);
      }
      case 'GetBucketAcl': {
        const grants = (b.publicGrants ?? [])
          .map((g) => `<Grant><Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="Group"><URI>http://acs.amazonaws.com/groups/global/${g}</URI></Grantee><Permission>READ</Permission></Grant>`)
          .join('');
        return xml(`<AccessControlPolicy><Owner><ID>owner</ID></Owner><AccessControlList><Grant><Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="CanonicalUser"><ID>owner</ID></Grantee><Permission>FULL_CONTROL</Permission></Grant>${grants}</AccessControlList></AccessControlPolicy>`);
      }
      case 'GetBucketTagging':
        if (!b.tags) return s3Error('NoSuchTagSet', 404, 'The TagSet does not exist');
        return xml(`<Tagging><TagSet>${Object.entries(b.tags).map(([k, v]) => `<Tag>${el('Key', k)}${el('Value', v)}</Tag>`).join('')}</TagSet></Tagging>`);
      default:
        return s3Error('NotImplemented', 501);
    }
  }
}
