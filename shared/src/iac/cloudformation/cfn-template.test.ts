import type { CfnMap, CfnNode } from './cfn-node';
import { entryOf, toPlain } from './cfn-node';
import { parseTemplate } from './cfn-template';

const SHORT = `Parameters:
  P: { Type: String, Default: x }
Conditions:
  C1: !Equals [!Ref P, x]
  C2: !Not [!Condition C1]
  C3: !And [!Condition C1, !Or [!Condition C2, !Equals [a, b]]]
Resources:
  R:
    Type: AWS::Test::Thing
    Properties:
      A: !Ref P
      B: !Sub 'x-\${P}'
      C: !Sub ['x-\${V}', { V: !Ref P }]
      D: !GetAtt Res.Arn
      E: !GetAtt [Res, Arn]
      F: !Join ['-', [a, !Ref P]]
      G: !If [C1, a, b]
      H: !Select [0, !GetAZs '']
      I: !Split [',', 'a,b']
      J: !FindInMap [M, k1, k2]
      K: !Base64 text
      L: !Cidr [10.0.0.0/16, 2, 8]
      N: !ImportValue exported
      O: !Transform { Name: AWS::Include, Parameters: { Location: s3://b/k } }
      Q: !GetAtt Db.Endpoint.Address
`;

const LONG = `Parameters:
  P: { Type: String, Default: x }
Conditions:
  C1: { Fn::Equals: [{ Ref: P }, x] }
  C2: { Fn::Not: [{ Condition: C1 }] }
  C3: { Fn::And: [{ Condition: C1 }, { Fn::Or: [{ Condition: C2 }, { Fn::Equals: [a, b] }] }] }
Resources:
  R:
    Type: AWS::Test::Thing
    Properties:
      A: { Ref: P }
      B: { Fn::Sub: 'x-\${P}' }
      C: { Fn::Sub: ['x-\${V}', { V: { Ref: P } }] }
      D: { Fn::GetAtt: [Res, Arn] }
      E:
        Fn::GetAtt:
          - Res
          - Arn
      F: { Fn::Join: ['-', [a, { Ref: P }]] }
      G: { Fn::If: [C1, a, b] }
      H: { Fn::Select: [0, { Fn::GetAZs: '' }] }
      I: { Fn::Split: [',', 'a,b'] }
      J: { Fn::FindInMap: [M, k1, k2] }
      K: { Fn::Base64: text }
      L: { Fn::Cidr: [10.0.0.0/16, 2, 8] }
      N: { Fn::ImportValue: exported }
      O: { Fn::Transform: { Name: AWS::Include, Parameters: { Location: s3://b/k } } }
      Q: { Fn::GetAtt: [Db, Endpoint.Address] }
`;

const JSON_TEMPLATE = JSON.stringify(
  {
    Parameters: { P: { Type: 'String', Default: 'x' } },
    Conditions: {
      C1: { 'Fn::Equals': [{ Ref: 'P' }, 'x'] },
      C2: { 'Fn::Not': [{ Condition: 'C1' }] },
      C3: { 'Fn::And': [{ Condition: 'C1' }, { 'Fn::Or': [{ Condition: 'C2' }, { 'Fn::Equals': ['a', 'b'] }] }] },
    },
    Resources: {
      R: {
        Type: 'AWS::Test::Thing',
        Properties: {
          A: { Ref: 'P' },
          B: { 'Fn::Sub': 'x-${P}' },
          C: { 'Fn::Sub': ['x-${V}', { V: { Ref: 'P' } }] },
          D: { 'Fn::GetAtt': ['Res', 'Arn'] },
          E: { 'Fn::GetAtt': ['Res', 'Arn'] },
          F: { 'Fn::Join': ['-', ['a', { Ref: 'P' }]] },
          G: { 'Fn::If': ['C1', 'a', 'b'] },
          H: { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] },
          I: { 'Fn::Split': [',', 'a,b'] },
          J: { 'Fn::FindInMap': ['M', 'k1', 'k2'] },
          K: { 'Fn::Base64': 'text' },
          L: { 'Fn::Cidr': ['10.0.0.0/16', 2, 8] },
          N: { 'Fn::ImportValue': 'exported' },
          O: { 'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: 's3://b/k' } } },
          Q: { 'Fn::GetAtt': ['Db', 'Endpoint.Address'] },
        },
      },
    },
  },
  null,
  2,
);

function parsed(text: string, path = 'template.yaml') {
  const result = parseTemplate(path, text);
  if (!result) throw new Error('not a template');
  return result;
}

function property(map: CfnMap, ...keys: string[]): CfnNode {
  let node: CfnNode = map;
  for (const key of keys) {
    if (node.kind !== 'map') throw new Error(`${key}: not a map`);
    const entry = entryOf(node, key);
    if (!entry) throw new Error(`${key}: missing`);
    node = entry.value;
  }
  return node;
}

describe('parseTemplate', () => {
  it('gives the same tree for short-form tags, YAML long forms and JSON', () => {
    const short = parsed(SHORT);
    const long = parsed(LONG);
    const json = parsed(JSON_TEMPLATE, 'template.json');
    expect(short.errors).toEqual([]);
    expect(long.errors).toEqual([]);
    expect(json.errors).toEqual([]);
    expect(toPlain(short.template.root)).toEqual(toPlain(json.template.root));
    expect(toPlain(long.template.root)).toEqual(toPlain(json.template.root));
  });

  it('splits a scalar !GetAtt at the first dot', () => {
    const { template } = parsed(SHORT);
    expect(toPlain(property(template.root, 'Resources', 'R', 'Properties', 'D'))).toEqual({ 'Fn::GetAtt': ['Res', 'Arn'] });
    expect(toPlain(property(template.root, 'Resources', 'R', 'Properties', 'Q'))).toEqual({ 'Fn::GetAtt': ['Db', 'Endpoint.Address'] });
  });

  it('keeps the 1-based positions of keys, values and short-form tags', () => {
    const text = ['Resources:', '  Web:', '    Type: AWS::EC2::Instance', '    Properties:', '      ImageId: !Ref Ami', "      KeyName: 'ops'", '      Tags: !GetAtt Res.Arn', ''].join('\n');
    const { template } = parsed(text);
    const [web] = template.resources;
    expect(web).toMatchObject({
      logicalId: 'Web',
      type: 'AWS::EC2::Instance',
      keySpan: { line: 2, column: 3, endLine: 2, endColumn: 6 },
      span: { line: 2, column: 3, endLine: 7, endColumn: 28 },
      typeSpan: { line: 3, column: 11, endLine: 3, endColumn: 29 },
    });
    const props = web!.properties!;
    const imageId = entryOf(props, 'ImageId')!;
    expect(imageId.keySpan).toEqual({ line: 5, column: 7, endLine: 5, endColumn: 14 });
    // The value starts at the tag; the tag is the key of the long form, the name its value.
    expect(imageId.value).toEqual({
      kind: 'map',
      entries: [
        {
          key: 'Ref',
          keySpan: { line: 5, column: 16, endLine: 5, endColumn: 20 },
          value: { kind: 'scalar', value: 'Ami', span: { line: 5, column: 21, endLine: 5, endColumn: 24 } },
        },
      ],
      span: { line: 5, column: 16, endLine: 5, endColumn: 24 },
    });
    expect(entryOf(props, 'KeyName')!.value.span).toEqual({ line: 6, column: 16, endLine: 6, endColumn: 21 });
    expect(property(props, 'Tags', 'Fn::GetAtt')).toEqual({
      kind: 'seq',
      items: [
        { kind: 'scalar', value: 'Res', span: { line: 7, column: 21, endLine: 7, endColumn: 24 } },
        { kind: 'scalar', value: 'Arn', span: { line: 7, column: 25, endLine: 7, endColumn: 28 } },
      ],
      span: { line: 7, column: 21, endLine: 7, endColumn: 28 },
    });
  });

  it('finds a tag written on the line before its block value', () => {
    const text = ['AWSTemplateFormatVersion: 2010-09-09', 'Resources:', '  R:', '    Type: AWS::S3::Bucket', '    Properties:', '      BucketName: !If # pick', '        - C', '        - a', '        - b', ''].join('\n');
    const name = property(parsed(text).template.root, 'Resources', 'R', 'Properties', 'BucketName');
    expect(name.span).toEqual({ line: 6, column: 19, endLine: 9, endColumn: 12 });
    expect(name.kind === 'map' && name.entries[0]!.keySpan).toEqual({ line: 6, column: 19, endLine: 6, endColumn: 22 });
  });

  it('keeps positions with CRLF line ends and a byte-order mark', () => {
    const text = '\uFEFFResources:\r\n  B:\r\n    Type: AWS::S3::Bucket\r\n    Properties:\r\n      BucketName: !Ref X\r\n';
    const [b] = parsed(text).template.resources;
    expect(b?.span).toEqual({ line: 2, column: 3, endLine: 5, endColumn: 25 });
    expect(entryOf(b!.properties!, 'BucketName')!.value.span).toEqual({ line: 5, column: 19, endLine: 5, endColumn: 25 });
  });

  it('keeps positions in JSON templates', () => {
    const text = ['{', '  "Resources": {', '    "Web": {', '      "Type": "AWS::EC2::Instance",', '      "Properties": { "ImageId": { "Ref": "Ami" } }', '    }', '  }', '}'].join('\n');
    const { template, errors } = parsed(text, 'template.json');
    expect(errors).toEqual([]);
    expect(template.resources[0]).toMatchObject({
      keySpan: { line: 3, column: 5, endLine: 3, endColumn: 10 },
      span: { line: 3, column: 5, endLine: 6, endColumn: 6 },
      typeSpan: { line: 4, column: 15, endLine: 4, endColumn: 35 },
    });
    const imageId = entryOf(template.resources[0]!.properties!, 'ImageId')!;
    expect(imageId.keySpan).toEqual({ line: 5, column: 23, endLine: 5, endColumn: 32 });
    expect(imageId.value.span).toEqual({ line: 5, column: 34, endLine: 5, endColumn: 50 });
  });

  it('reads the resource condition and leaves empty Properties undefined', () => {
    const text = 'Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Condition: IsProd\n    Properties:\n';
    const [a] = parsed(text).template.resources;
    expect(a?.condition).toEqual({ name: 'IsProd', span: { line: 4, column: 16, endLine: 4, endColumn: 22 } });
    expect(a?.properties).toBeUndefined();
  });

  it.each([
    ['a Kubernetes manifest', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n'],
    ['a plain list', '- a\n- b\n'],
    ['an empty file', ''],
    ['a comment only', '# nothing\n'],
    ['a scalar', 'hello'],
    ['package.json', '{ "name": "x", "version": "1.0.0" }'],
    ['a Resources map of something else', 'Resources:\n  cpu: 2\n  memory: 4Gi\n'],
    ['broken YAML that is not CloudFormation', 'a: [\n'],
    ['a Serverless Framework file (its CloudFormation is nested)', 'service: x\nresources:\n  Resources:\n    B:\n      Type: AWS::S3::Bucket\n'],
    ['binary garbage', '\u0000\u0001\u0002PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR\u0000\u0000'],
  ])('returns undefined for %s', (_, text) => {
    expect(parseTemplate('x.yaml', text)).toBeUndefined();
  });

  it('accepts a template with only a format version, and says it has no resources', () => {
    expect(parseTemplate('t.yaml', "AWSTemplateFormatVersion: '2010-09-09'\nDescription: empty\n")).toEqual({
      template: expect.objectContaining({ resources: [] }),
      errors: [{ path: 't.yaml', line: 1, column: 1, message: 'The template has no Resources section.' }],
    });
  });

  it('reports malformed YAML with its line and column, and adapts nothing', () => {
    const text = 'AWSTemplateFormatVersion: 2010-09-09\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties: { BucketName: [a, b }\n';
    const result = parseTemplate('t.yaml', text);
    expect(result?.template.resources).toEqual([]);
    expect(result?.errors.length).toBeGreaterThan(0);
    expect(result?.errors[0]).toEqual({ path: 't.yaml', line: 5, column: 37, message: expect.stringMatching(/^Invalid YAML: /) });
  });

  it('reports malformed JSON with its line and column', () => {
    const text = '{\n  "AWSTemplateFormatVersion": "2010-09-09",\n  "Resources": {\n    "B": { "Type": "AWS::S3::Bucket" },,\n  }\n}';
    const result = parseTemplate('t.json', text);
    expect(result?.template.resources).toEqual([]);
    expect(result?.errors[0]).toMatchObject({ path: 't.json', line: 4, column: 40 });
  });

  it('reports duplicate keys', () => {
    const text = 'Resources:\n  B:\n    Type: AWS::S3::Bucket\n  B:\n    Type: AWS::S3::Bucket\n';
    expect(parseTemplate('t.yaml', text)?.errors).toEqual([
      { path: 't.yaml', line: 4, column: 3, message: 'Invalid YAML: Map keys must be unique' },
    ]);
  });

  it('reports a template that is a list', () => {
    const text = '- AWSTemplateFormatVersion: 2010-09-09\n  Resources: {}\n';
    expect(parseTemplate('t.yaml', text)).toEqual({
      template: expect.objectContaining({ resources: [] }),
      errors: [{ path: 't.yaml', line: 1, column: 1, message: 'A CloudFormation template must be a map of sections, not a list.' }],
    });
  });

  it('reports Resources that is not a map', () => {
    const text = 'AWSTemplateFormatVersion: 2010-09-09\nResources:\n  - Type: AWS::S3::Bucket\n';
    expect(parseTemplate('t.yaml', text)?.errors).toEqual([
      { path: 't.yaml', line: 3, column: 3, message: 'Resources must be a map of logical ids to resources, not a list.' },
    ]);
  });

  it('reports malformed resources and keeps the others', () => {
    const text = [
      'Resources:',
      '  NoType:',
      '    Properties: {}',
      '  Good:',
      '    Type: AWS::S3::Bucket',
      '  BadType:',
      '    Type: [AWS::S3::Bucket]',
      '  Scalar: AWS::S3::Bucket',
      '  BadProps:',
      '    Type: AWS::S3::Bucket',
      '    Properties: [a]',
      '',
    ].join('\n');
    const result = parsed(text);
    expect(result.template.resources.map((r) => r.logicalId)).toEqual(['Good']);
    expect(result.errors).toEqual([
      { path: 'template.yaml', line: 2, column: 3, message: 'Resource NoType has no Type.' },
      { path: 'template.yaml', line: 7, column: 11, message: 'The Type of resource BadType must be a string, not a list.' },
      { path: 'template.yaml', line: 8, column: 3, message: 'Resource Scalar must be a map with a Type, not the string "AWS::S3::Bucket".' },
      { path: 'template.yaml', line: 11, column: 17, message: 'The Properties of resource BadProps must be a map, not a list.' },
    ]);
  });

  it('reports an unknown tag at the tag and makes its value an unsupported function', () => {
    const text = 'Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Frobnicate name\n';
    const result = parsed(text);
    expect(result.errors).toEqual([
      {
        path: 'template.yaml',
        line: 5,
        column: 19,
        message: 'Unknown tag !Frobnicate: it is not a CloudFormation intrinsic function, so its value is treated as unknown.',
      },
    ]);
    expect(toPlain(property(result.template.root, 'Resources', 'B', 'Properties', 'BucketName'))).toEqual({ 'Fn::Frobnicate': 'name' });
  });

  it('does not throw on binary garbage in a template', () => {
    const text = 'AWSTemplateFormatVersion: 2010-09-09\n\u0000\u0001\u0002\uFFFD\u0007 : : : [ { \u001b[31m\nResources: {';
    const result = parseTemplate('t.yaml', text);
    expect(result?.template.resources).toEqual([]);
    expect(result?.errors.length).toBeGreaterThan(0);
    for (const error of result!.errors) expect(error).toMatchObject({ path: 't.yaml', line: expect.any(Number), column: expect.any(Number) });
  });

  it('cuts nesting deeper than 128 levels with an error at the cut', () => {
    const deep = '['.repeat(200) + ']'.repeat(200);
    const text = `Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      Tags: ${deep}\n`;
    const result = parsed(text);
    expect(result.template.resources.map((r) => r.logicalId)).toEqual(['B']);
    expect(result.errors).toEqual([
      { path: 'template.yaml', line: 5, column: 138, message: 'The template nests deeper than 128 levels; deeper values are ignored.' },
    ]);
  });

  it('reports input nested beyond what the YAML parser can compose, without throwing', () => {
    const deep = '['.repeat(20_000) + ']'.repeat(20_000);
    const result = parseTemplate('t.yaml', `AWSTemplateFormatVersion: 2010-09-09\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      Tags: ${deep}\n`);
    expect(result?.template.resources).toEqual([]);
    expect(result?.errors[0]).toMatchObject({ path: 't.yaml', line: 6, message: expect.stringMatching(/^Invalid YAML: /) });
  });

  it('bounds the expansion of YAML aliases', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 7; i++) levels.push(`l${i}: &l${i} [${Array(10).fill(i === 1 ? '*a' : `*l${i - 1}`).join(', ')}]`);
    const text = `AWSTemplateFormatVersion: 2010-09-09\nMappings:\n  ${levels.join('\n  ')}\nResources:\n  B:\n    Type: AWS::S3::Bucket\n`;
    const result = parsed(text);
    expect(result.errors).toEqual([
      expect.objectContaining({ path: 'template.yaml', message: 'YAML aliases expand to more than 100000 nodes; the rest is ignored.' }),
    ]);
  });
});
