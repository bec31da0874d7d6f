import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type { Finding, GuardrailResult } from '@pavedroad/guardrails-core/model';

/** A live scan split by the entity each finding belongs to. */
export interface LiveScanSplit {
  /** Entity ref → its findings and guardrail results. */
  byEntity: Map<string, { findings: Finding[]; guardrails: GuardrailResult[] }>;
  /** Findings no entity claims (no account claim and no mapping tag). */
  unmapped: Finding[];
}

/** The entity a resource tag names: a full ref, or a component name in the default namespace. */
export function entityOfTag(value: string): string | undefined {
  try {
    return stringifyEntityRef(parseEntityRef(value.trim(), { defaultKind: 'component', defaultNamespace: 'default' })).toLocaleLowerCase('en-US');
  } catch {
    return undefined;
  }
}

/**
 * Maps a live scan to entities: a resource tagged with one of `tagKeys` belongs to the entity the tag names;
 * everything else belongs to the entities that claim the account. A tag-mapped entity fails only on its own
 * findings; it shares the account's unknowns (the scan could not look) and otherwise passes what the account
 * scan evaluated.
 */
export function splitLiveScan(
  findings: readonly Finding[],
  guardrails: readonly GuardrailResult[],
  accountEntities: readonly string[],
  tagKeys: readonly string[],
  knownEntity: (ref: string) => boolean,
): LiveScanSplit {
  const tagged = new Map<string, Finding[]>();
  const accountFindings: Finding[] = [];
  for (const f of findings) {
    let owner: string | undefined;
    for (const key of tagKeys) {
      const value = f.properties?.[`tag:${key}`];
      const ref = typeof value === 'string' ? entityOfTag(value) : undefined;
      if (ref && knownEntity(ref)) {
        owner = ref;
        break;
      }
    }
    if (owner) tagged.set(owner, [...(tagged.get(owner) ?? []), f]);
    else accountFindings.push(f);
  }

  const byEntity: LiveScanSplit['byEntity'] = new Map();
  for (const ref of accountEntities) byEntity.set(ref, { findings: [...accountFindings, ...(tagged.get(ref) ?? [])], guardrails: [...guardrails] });
  for (const [ref, own] of tagged) {
    if (byEntity.has(ref)) continue;
    const results = guardrails.map<GuardrailResult>((g) => {
      const count = own.filter((f) => f.guardrail === g.id && !f.suppression).length;
      if (count > 0) return { id: g.id, status: 'fail', findings: count };
      if (g.status === 'unknown' || g.status === 'not-applicable') return { ...g, findings: 0 };
      return { id: g.id, status: 'pass', findings: 0 };
    });
    byEntity.set(ref, { findings: own, guardrails: results });
  }
  return { byEntity, unmapped: accountEntities.length > 0 ? [] : accountFindings };
}
