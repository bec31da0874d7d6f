import { shannonEntropy } from './entropy';

export interface PemBlock {
  /** e.g. `RSA PRIVATE KEY`, `OPENSSH PRIVATE KEY`, `PGP PRIVATE KEY BLOCK`. */
  label: string;
  /** Offsets of `-----BEGIN` and just past the closing `-----`. */
  start: number;
  end: number;
  /** The key material with line breaks, escapes, quotes and armor headers removed. */
  body: string;
  /** Legacy PEM (`Proc-Type: 4,ENCRYPTED`) or PKCS#8 `ENCRYPTED PRIVATE KEY`. */
  encrypted: boolean;
}

const BEGIN = /-----BEGIN[ A-Z0-9]{0,40}PRIVATE KEY(?: BLOCK)?-----/g;
// Keys in JSON, YAML or code strings carry literal `\n` escapes, quotes and concatenation.
const NOISE = /\\[nrt]|\\|["'`,;+]|\s/g;
const MAX_BLOCK = 64 * 1024;

/**
 * Finds private-key blocks. Linear: each BEGIN searches forward for one END, and a BEGIN without an END
 * ends the search, since no later block can close either.
 */
export function* pemBlocks(text: string, offset = 0): Iterable<PemBlock> {
  BEGIN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = BEGIN.exec(text)) !== null) {
    const endMarker = text.indexOf('-----END', m.index + m[0].length);
    if (endMarker < 0) return;
    // A block opened twice before closing: the later BEGIN is the real one.
    const begin = text.lastIndexOf('-----BEGIN', endMarker);
    const header = begin === m.index ? m : matchAt(text, begin);
    const close = text.indexOf('-----', endMarker + 8);
    if (!header || close < 0 || endMarker - begin > MAX_BLOCK) {
      BEGIN.lastIndex = endMarker + 8;
      continue;
    }
    const label = header[0].slice(11, -5).trim();
    const rawBody = text.slice(begin + header[0].length, endMarker);
    const lines = rawBody.split(/\\n|\r?\n/);
    const encrypted = /ENCRYPTED/.test(label) || lines.some((l) => /Proc-Type:\s*4,ENCRYPTED/.test(l));
    // Armor headers (Proc-Type, DEK-Info, PGP Version/Comment) are `Name: value` lines.
    const body = lines
      .filter((l) => !/^[\s"'`]*[A-Za-z-]+:\s/.test(l))
      .join('')
      .replace(NOISE, '');
    BEGIN.lastIndex = close + 5;
    yield { label, start: offset + begin, end: offset + close + 5, body, encrypted };
  }
}

function matchAt(text: string, index: number): RegExpExecArray | null {
  const re = new RegExp(BEGIN.source, 'y');
  re.lastIndex = index;
  return re.exec(text);
}

/**
 * Whether a PEM body holds key material rather than a placeholder (`...`, `<key>`, `xxx`): base64, long
 * enough and random enough. `structured` when it also starts like DER (`M`), an OpenSSH key or is a
 * legacy-encrypted or PGP block (secretlint's magic-prefix test); `likely` otherwise.
 */
export function keyMaterial(block: PemBlock): 'structured' | 'likely' | 'none' {
  const body = block.body;
  if (body.length < 64) return 'none';
  const pgpBody = body.replace(/=[A-Za-z0-9+/]{4}$/, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(block.label.includes('PGP') ? pgpBody : body)) return 'none';
  if (shannonEntropy(body) < 4.5) return 'none';
  if (block.label.includes('PGP') || block.encrypted) return 'structured';
  if (block.label.includes('OPENSSH')) return body.startsWith('b3BlbnNzaC1rZXktdjE') ? 'structured' : 'likely';
  return body.startsWith('M') ? 'structured' : 'likely';
}

/** True when the block holds key material (see keyMaterial). */
export function isKeyMaterial(block: PemBlock): boolean {
  return keyMaterial(block) !== 'none';
}
