import type { Finding, Report } from '@pavedroad/guardrails-core';
import { SECRET_RULES, SecretScanner, redact } from '@pavedroad/guardrails-core';

/**
 * Scanners redact evidence when they create a finding; the portal does not take that on trust. Every free text
 * of an incoming report goes through the secret rules once more, and anything that still looks like a
 * credential is redacted before it is stored or shown.
 */
let shared: SecretScanner | undefined;

export class TextRedactor {
  // Compiling the rules' keyword automaton costs more than scanning a whole report: compile once.
  readonly #scanner = (shared ??= new SecretScanner(SECRET_RULES));
  #redactions = 0;

  get redactions(): number {
    return this.#redactions;
  }

  text(value: string): string {
    const hits = this.#scanner.scan(value, 'report');
    if (hits.length === 0) return value;
    let out = '';
    let at = 0;
    for (const hit of [...hits].sort((a, b) => a.match.start - b.match.start)) {
      if (hit.match.start < at) continue;
      out += value.slice(at, hit.match.start) + `[${redact(hit.match.secret)}]`;
      at = hit.match.end;
    }
    this.#redactions += hits.length;
    return out + value.slice(at);
  }

  finding(f: Finding): Finding {
    const out: Finding = { ...f, title: this.text(f.title), message: this.text(f.message), evidence: this.text(f.evidence) };
    if (f.properties) {
      out.properties = Object.fromEntries(
        Object.entries(f.properties).map(([k, v]) => [k, typeof v === 'string' ? this.text(v) : v]),
      );
    }
    return out;
  }

  report(r: Report): Report {
    return {
      ...r,
      findings: r.findings.map((f) => this.finding(f)),
      errors: r.errors.map((e) => ({ ...e, message: this.text(e.message) })),
      guardrails: r.guardrails.map((g) => (g.reason === undefined ? g : { ...g, reason: this.text(g.reason) })),
    };
  }
}
