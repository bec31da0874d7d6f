// git and ripgrep treat a NUL byte in the first 8000 bytes as the mark of a binary file.
const SNIFF_BYTES = 8000;

/** True when the content looks binary (a NUL byte near the start). */
export function isBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, SNIFF_BYTES);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return true;
  return false;
}

const decoder = new TextDecoder('utf-8', { fatal: false });

/** Decodes UTF-8; invalid sequences become U+FFFD, so a scan never fails on encoding. */
export function decodeText(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}
