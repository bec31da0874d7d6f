// Secrets are often committed base64-encoded (Kubernetes Secret `data:`, CI variables). These helpers find a
// base64 run around a known encoded marker and decode it, so a rule can look inside.

const BASE64_CHAR = /[A-Za-z0-9+/=]/;
const MAX_RUN = 64 * 1024;

/**
 * The stable base64 renderings of `literal` at each of the three byte alignments, without the edge
 * characters that depend on neighbouring bytes. Any base64 text that encodes `literal` contains one of them.
 */
export function encodedForms(literal: string): string[] {
  return ['', 'a', 'ab'].map((pad) => {
    const encoded = btoa(pad + literal);
    const from = pad ? Math.ceil(((pad.length + 1) * 4) / 3) : 0;
    const to = Math.floor((pad.length + literal.length) / 3) * 4;
    return encoded.slice(from, to);
  });
}

export interface DecodedRun {
  start: number;
  end: number;
  decoded: string;
}

/** Expands to the base64 run containing `index` (at most 64 KiB) and decodes it; undefined if it is not base64. */
export function decodeRunAt(text: string, index: number): DecodedRun | undefined {
  let start = index;
  while (start > 0 && index - start < MAX_RUN && BASE64_CHAR.test(text[start - 1]!)) start--;
  let end = index;
  while (end < text.length && end - start < MAX_RUN && BASE64_CHAR.test(text[end]!)) end++;
  let run = text.slice(start, end).replace(/=+$/, '');
  if (run.length % 4 === 1) run = run.slice(0, -1);
  try {
    return { start, end, decoded: atob(run + '='.repeat((4 - (run.length % 4)) % 4)) };
  } catch {
    return undefined;
  }
}

/** Decoded runs that contain one of `forms`, each run once, in order. Linear: one indexOf pass per form. */
export function* decodedRunsWith(text: string, forms: readonly string[]): Iterable<DecodedRun> {
  const hits: number[] = [];
  for (const form of forms) {
    for (let i = text.indexOf(form); i >= 0; i = text.indexOf(form, i + form.length)) hits.push(i);
  }
  hits.sort((a, b) => a - b);
  let doneUntil = -1;
  for (const hit of hits) {
    if (hit < doneUntil) continue;
    const run = decodeRunAt(text, hit);
    if (!run) continue;
    doneUntil = run.end;
    yield run;
  }
}
