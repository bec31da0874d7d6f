import type { CollectionTag, ScalarTag } from 'yaml';

/**
 * The YAML short forms of CloudFormation intrinsic functions (`!Sub` = `Fn::Sub`), from the CloudFormation user
 * guide's "Intrinsic function reference", plus the functions of the `Rules` section and of the
 * `AWS::LanguageExtensions` transform, which are valid in templates but which we do not evaluate.
 */
export const CFN_SHORT_FORMS: readonly string[] = [
  'Ref',
  'Condition',
  'Sub',
  'GetAtt',
  'Join',
  'If',
  'Equals',
  'Not',
  'And',
  'Or',
  'Select',
  'Split',
  'FindInMap',
  'Base64',
  'Cidr',
  'GetAZs',
  'ImportValue',
  'Transform',
  'Contains',
  'EachMemberEquals',
  'EachMemberIn',
  'RefAll',
  'ValueOf',
  'ValueOfAll',
  'Length',
  'ToJsonString',
];

const SHORT_FORMS = new Set(CFN_SHORT_FORMS);

/** The long form of a short-form tag name (`Sub` → `Fn::Sub`), or undefined when it is not one. */
export function longFormOf(shortName: string): string | undefined {
  if (!SHORT_FORMS.has(shortName)) return undefined;
  return shortName === 'Ref' || shortName === 'Condition' ? shortName : `Fn::${shortName}`;
}

/**
 * Tags for `yaml`'s parser: each short form on a scalar, a sequence and a map. They keep the node as parsed;
 * the template reader rewrites tagged nodes to long forms, where it also knows their positions.
 */
export const CFN_YAML_TAGS: (ScalarTag | CollectionTag)[] = CFN_SHORT_FORMS.flatMap((name) => {
  const tag = `!${name}`;
  const scalar: ScalarTag = { tag, resolve: (value: string) => value };
  const seq: CollectionTag = { tag, collection: 'seq', resolve: (value) => value };
  const map: CollectionTag = { tag, collection: 'map', resolve: (value) => value };
  return [scalar, seq, map];
});
