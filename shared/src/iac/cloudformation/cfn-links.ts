import type { Link } from '../model/attr';
import type { PropertyReader } from './cfn-attributes';
import type { Resolved, ResolvedUnknown } from './cfn-evaluate';
import type { CfnAdaptContext } from './cfn-resource-adapter';

/** What a named link points at: `role`, `AWS::IAM::Role`, and the resource part of its ARNs (`:role/`). */
export interface NamedKind {
  what: string;
  type: string;
  arn: string;
}

export const ROLE: NamedKind = { what: 'role', type: 'AWS::IAM::Role', arn: 'role' };
export const INSTANCE_PROFILE: NamedKind = { what: 'instance profile', type: 'AWS::IAM::InstanceProfile', arn: 'instance-profile' };

/** `arn:aws:iam::111122223333:role/ops/web` → `web` (the path is not part of the name); a plain name stays. */
function nameIn(text: string, kind: NamedKind): string | undefined {
  if (text.includes(`:${kind.arn}/`)) return text.slice(text.lastIndexOf('/') + 1);
  return text.startsWith('arn:') ? undefined : text;
}

/** The logical id an unknown value refers to directly (`!Ref X`, `!GetAtt X.Arn`, `!Sub '${X}'`). */
function directTarget(value: ResolvedUnknown): string | undefined {
  const target = value.target;
  if (target === undefined) return undefined;
  return value.text === undefined || value.text === `\${${target}}` || value.text.startsWith(`\${${target}.`) ? target : undefined;
}

/** A reference to a resource of the template: a link when it has the expected type. */
function toResource(target: string, at: Link['at'], kind: NamedKind, ctx: CfnAdaptContext): Link {
  const type = ctx.typeOf(target);
  if (type === kind.type) return { target, at };
  return { unresolved: `the ${kind.what} comes from ${target} (${type ?? 'no valid Type'}), not from an ${kind.type}`, at };
}

/** A literal name or ARN: the resource of the template that declares it, else a resource outside the template. */
function byName(text: string, name: string, at: Link['at'], kind: NamedKind, ctx: CfnAdaptContext): Link {
  const declared = ctx.named(kind.type, name);
  // `name:` links are matched by name against the model (iam/workload-roles.ts); none here means outside.
  return declared !== undefined ? { target: declared, at } : { target: `name:${text}`, at };
}

/**
 * A link to a role or instance profile, written as a `Ref`/`Fn::GetAtt` of a resource of the template, a
 * literal name or ARN, or an ARN built with `Fn::Sub` (`arn:${AWS::Partition}:iam::${AWS::AccountId}:role/${Role}`).
 * A literal name that no resource of the template declares names one outside it (`name:<value>`, as the Terraform
 * adapter links literal names); a value that could be anything is unresolved with the reason.
 */
export function namedLink(reader: PropertyReader, ctx: CfnAdaptContext, value: Resolved | undefined, kind: NamedKind): Link | undefined {
  if (value === undefined) return undefined;
  const at = reader.siteOf(value);
  if (value.kind === 'value' && typeof value.value === 'string') {
    const name = nameIn(value.value, kind);
    return name === undefined ? { unresolved: `${value.value} is not an ARN of an IAM ${kind.what}`, at } : byName(value.value, name, at, kind, ctx);
  }
  if (value.kind !== 'unknown') return { unresolved: `the ${kind.what} is not a name or an ARN`, at };
  const direct = directTarget(value);
  if (direct !== undefined) return toResource(direct, at, kind, ctx);
  const name = value.text === undefined ? undefined : nameIn(value.text, kind);
  if (name !== undefined) {
    // The name part of a built ARN: a reference to the resource (Ref gives its name), or literal text.
    const ref = /^\$\{([A-Za-z0-9]+)\}$/.exec(name)?.[1];
    if (ref !== undefined && ctx.typeOf(ref) !== undefined) return toResource(ref, at, kind, ctx);
    if (!name.includes('${')) return byName(name, name, at, kind, ctx);
  }
  return { unresolved: value.reason, at };
}
