// AWS access key ids: a 4-character prefix and 16 characters of base32 ([A-Z2-7]).
// Prefixes (AWS IAM docs, "Unique identifiers"): AKIA long-lived user key, ASIA temporary STS key,
// ABIA STS service bearer token, ACCA context-specific credential; A3T* is a legacy prefix.
export const AWS_KEY_ID_SOURCE = '(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}';
export const AWS_KEY_ID = new RegExp(AWS_KEY_ID_SOURCE);

export type AwsKeyKind = 'long-lived' | 'temporary';

export function awsKeyKind(keyId: string): AwsKeyKind {
  return keyId.startsWith('AKIA') || keyId.startsWith('A3T') ? 'long-lived' : 'temporary';
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * The AWS account that owns a key id, decoded offline from characters 5-16 (the method TruffleHog's
 * GetAccountNumFromID documents). Legacy ids (`AKIAI…`, `AKIAJ…`) do not encode it.
 */
export function awsAccountFromKeyId(keyId: string): string | undefined {
  if (keyId.length !== 20 || keyId.startsWith('A3T')) return undefined;
  if (keyId[4] === 'I' || keyId[4] === 'J') return undefined;
  // 16 base32 characters decode to 10 bytes; the account sits in bits of the first 6.
  let bits = 0;
  let value = 0;
  const bytes: number[] = [];
  for (const ch of keyId.slice(4)) {
    const v = BASE32.indexOf(ch);
    if (v < 0) return undefined;
    value = (value << 5) | v;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((value >> bits) & 0xff);
      value &= (1 << bits) - 1;
    }
  }
  let z = 0;
  for (let i = 0; i < 6; i++) z = z * 256 + (bytes[i] ?? 0);
  // (z & 0x7fffffffff80) >> 7, in float-safe arithmetic (z < 2^48).
  const masked = z % 2 ** 47;
  const account = Math.floor(masked / 128);
  return account.toString().padStart(12, '0');
}
