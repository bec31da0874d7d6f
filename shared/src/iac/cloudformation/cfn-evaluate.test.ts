import type { Resolved } from './cfn-evaluate';
import { CfnEvaluator } from './cfn-evaluate';
import { entryOf } from './cfn-node';
import { parseTemplate } from './cfn-template';

const SECTIONS = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Env: { Type: String, Default: prod }
  Size: { Type: Number, Default: 3 }
  Tokens: { Type: String }
  Zones: { Type: CommaDelimitedList, Default: 'a, b,c' }
  Subnets: { Type: 'List<AWS::EC2::Subnet::Id>', Default: 'subnet-1,subnet-2' }
  Ami: { Type: 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>', Default: /aws/service/ami }
Mappings:
  Regions:
    prod: { Tokens: required, Cidrs: [10.0.0.0/8, 192.168.0.0/16] }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsDev: !Not [!Condition IsProd]
  WantsTokens: !Equals [!Ref Tokens, required]
  ProdOrTokens: !Or [!Condition IsProd, !Condition WantsTokens]
  DevAndTokens: !And [!Condition IsDev, !Condition WantsTokens]
  ProdAndTokens: !And [!Condition IsProd, !Condition WantsTokens]
  Loop: !Condition Loop
  SizeIsThree: !Equals [3, !Ref Size]
Resources:
  Bucket:
    Type: AWS::S3::Bucket
  Thing:
    Type: AWS::Test::Thing
    Properties:
`;

/** Resolves `Value` written as a property of a resource in a template with the sections above. */
function resolve(value: string): Resolved {
  const text = `${SECTIONS}      Value: ${value}\n`;
  const parsed = parseTemplate('t.yaml', text);
  if (!parsed || parsed.errors.length > 0) throw new Error(`bad template: ${JSON.stringify(parsed?.errors)}`);
  const thing = parsed.template.resources.find((r) => r.logicalId === 'Thing')!;
  return new CfnEvaluator(parsed.template).resolve(entryOf(thing.properties!, 'Value')!.value);
}

/** The value without positions: plain data for known values, markers for the rest. */
function plain(r: Resolved): unknown {
  switch (r.kind) {
    case 'value':
      return r.value;
    case 'list':
      return r.items.map(plain);
    case 'map':
      return Object.fromEntries(r.entries.map((e) => [e.key, plain(e.value)]));
    case 'novalue':
      return '<novalue>';
    case 'unknown': {
      const { kind, reason, target, text } = r;
      return { kind, reason, ...(target === undefined ? {} : { target }), ...(text === undefined ? {} : { text }) };
    }
  }
}

const LINE = SECTIONS.split('\n').length;

function decide(name: string) {
  const parsed = parseTemplate('t.yaml', SECTIONS)!;
  return new CfnEvaluator(parsed.template).condition(name);
}

describe('CfnEvaluator', () => {
  describe('Ref', () => {
    it('gives a parameter its Default, at the Ref', () => {
      expect(resolve('!Ref Env')).toEqual({ kind: 'value', value: 'prod', span: { line: LINE, column: 14, endLine: LINE, endColumn: 22 } });
    });

    it('gives parameter values as strings, as CloudFormation does', () => {
      expect(plain(resolve('!Ref Size'))).toBe('3');
    });

    it('splits and trims the Default of list parameters', () => {
      expect(plain(resolve('!Ref Zones'))).toEqual(['a', 'b', 'c']);
      expect(plain(resolve('!Ref Subnets'))).toEqual(['subnet-1', 'subnet-2']);
    });

    it('names a parameter without Default', () => {
      expect(plain(resolve('!Ref Tokens'))).toEqual({ kind: 'unknown', reason: 'parameter Tokens has no Default' });
    });

    it('does not take the Default of an SSM parameter type for its value', () => {
      expect(plain(resolve('!Ref Ami'))).toEqual({
        kind: 'unknown',
        reason: 'parameter Ami is read from the SSM parameter /aws/service/ami at deploy time',
      });
    });

    it('links a resource and leaves its value unknown', () => {
      expect(plain(resolve('!Ref Bucket'))).toEqual({
        kind: 'unknown',
        reason: 'Ref to resource Bucket is known only at deploy time',
        target: 'Bucket',
        text: '${Bucket}',
      });
    });

    it('leaves pseudo parameters unknown', () => {
      expect(plain(resolve('!Ref AWS::Region'))).toEqual({
        kind: 'unknown',
        reason: 'pseudo parameter AWS::Region is known only at deploy time',
        text: '${AWS::Region}',
      });
      expect(plain(resolve('{ Ref: AWS::AccountId }'))).toMatchObject({ reason: 'pseudo parameter AWS::AccountId is known only at deploy time' });
    });

    it('says when a name is neither a parameter nor a resource', () => {
      expect(plain(resolve('!Ref Nope'))).toEqual({ kind: 'unknown', reason: 'Ref to Nope, which is not a parameter or resource of this template' });
    });

    it('removes AWS::NoValue from maps and lists', () => {
      expect(plain(resolve('!Ref AWS::NoValue'))).toBe('<novalue>');
      expect(plain(resolve('{ A: 1, B: !Ref AWS::NoValue }'))).toEqual({ A: 1 });
      expect(plain(resolve('[a, !Ref AWS::NoValue, b]'))).toEqual(['a', 'b']);
    });
  });

  describe('Fn::Sub', () => {
    it('substitutes parameters, mapping-free variables and escapes', () => {
      expect(plain(resolve("!Sub '${Env}-${Size}-${!Literal}'"))).toBe('prod-3-${Literal}');
      expect(plain(resolve("!Sub ['${A}-${Env}', { A: !Ref Size }]"))).toBe('3-prod');
    });

    it('keeps the shape of strings built from resources and pseudo parameters', () => {
      expect(plain(resolve("!Sub 'arn:${AWS::Partition}:s3:::${Bucket}/*'"))).toEqual({
        kind: 'unknown',
        reason: 'pseudo parameter AWS::Partition is known only at deploy time',
        text: 'arn:${AWS::Partition}:s3:::${Bucket}/*',
      });
      expect(plain(resolve("!Sub '${Bucket.Arn}'"))).toEqual({
        kind: 'unknown',
        reason: 'Fn::GetAtt Bucket.Arn is known only at deploy time',
        target: 'Bucket',
        text: '${Bucket.Arn}',
      });
    });

    it('is opaque when a part could be anything', () => {
      expect(plain(resolve("!Sub 'x-${Bucket}-${Tokens}'"))).toEqual({ kind: 'unknown', reason: 'parameter Tokens has no Default' });
    });
  });

  describe('other functions', () => {
    it('Fn::GetAtt links its resource, in both forms', () => {
      const expected = { kind: 'unknown', reason: 'Fn::GetAtt Bucket.Arn is known only at deploy time', target: 'Bucket', text: '${Bucket.Arn}' };
      expect(plain(resolve('!GetAtt Bucket.Arn'))).toEqual(expected);
      expect(plain(resolve('{ Fn::GetAtt: [Bucket, Arn] }'))).toEqual(expected);
      expect(plain(resolve('!GetAtt Nope.Arn'))).toEqual({ kind: 'unknown', reason: 'Fn::GetAtt refers to Nope, which is not a resource of this template' });
    });

    it('Fn::Join joins known strings', () => {
      expect(plain(resolve("!Join ['-', [a, !Ref Env, !Ref Size]]"))).toBe('a-prod-3');
      // Built from a resource, not the resource itself: no link.
      expect(plain(resolve("!Join ['', ['arn:aws:s3:::', !Ref Bucket]]"))).toEqual({
        kind: 'unknown',
        reason: 'Ref to resource Bucket is known only at deploy time',
        text: 'arn:aws:s3:::${Bucket}',
      });
      expect(plain(resolve("!Join [',', !Ref Zones]"))).toBe('a,b,c');
    });

    it('Fn::Select and Fn::Split', () => {
      expect(plain(resolve('!Select [1, !Ref Zones]'))).toBe('b');
      expect(plain(resolve("!Select ['0', !Split ['/', 'x/y']]"))).toBe('x');
      expect(plain(resolve('!Select [5, [a]]'))).toEqual({ kind: 'unknown', reason: 'Fn::Select index 5 is out of range' });
      expect(plain(resolve("!Select [0, !GetAZs '']"))).toEqual({
        kind: 'unknown',
        reason: "Fn::GetAZs lists the region's Availability Zones at deploy time",
      });
    });

    it('Fn::FindInMap looks up Mappings with resolved keys', () => {
      expect(plain(resolve('!FindInMap [Regions, !Ref Env, Tokens]'))).toBe('required');
      expect(plain(resolve('!FindInMap [Regions, !Ref Env, Cidrs]'))).toEqual(['10.0.0.0/8', '192.168.0.0/16']);
      expect(plain(resolve('!FindInMap [Regions, dev, Tokens]'))).toEqual({ kind: 'unknown', reason: 'Fn::FindInMap finds no Regions.dev.Tokens in Mappings' });
      expect(plain(resolve('!FindInMap [Regions, !Ref Tokens, Tokens]'))).toEqual({
        kind: 'unknown',
        reason: 'Fn::FindInMap key: parameter Tokens has no Default',
      });
    });

    it('Fn::Base64 encodes known text', () => {
      expect(plain(resolve("!Base64 'héllo'"))).toBe('aMOpbGxv');
    });

    it('leaves deploy-time functions unknown with the reason', () => {
      expect(plain(resolve('!ImportValue shared-vpc'))).toEqual({ kind: 'unknown', reason: 'Fn::ImportValue shared-vpc is read from another stack at deploy time' });
      expect(plain(resolve('!Cidr [10.0.0.0/16, 2, 8]'))).toEqual({ kind: 'unknown', reason: 'Fn::Cidr is not evaluated' });
      expect(plain(resolve('!Transform { Name: AWS::Include }'))).toEqual({ kind: 'unknown', reason: 'Fn::Transform runs the macro AWS::Include at deploy time' });
      expect(plain(resolve('{ Fn::Length: [a] }'))).toEqual({ kind: 'unknown', reason: 'the intrinsic function Fn::Length is not supported' });
    });

    it('treats dynamic references as unknown', () => {
      expect(plain(resolve("'{{resolve:ssm:/app/tokens}}'"))).toEqual({
        kind: 'unknown',
        reason: 'dynamic reference {{resolve:ssm:/app/tokens}} is resolved at deploy time',
      });
    });
  });

  describe('Fn::If and conditions', () => {
    it('takes the branch of a decidable condition, at the branch', () => {
      expect(resolve('!If [IsProd, required, optional]')).toEqual({
        kind: 'value',
        value: 'required',
        span: { line: LINE, column: 27, endLine: LINE, endColumn: 35 },
      });
      expect(plain(resolve('!If [IsDev, required, optional]'))).toBe('optional');
      expect(plain(resolve('!If [IsDev, required, !Ref AWS::NoValue]'))).toBe('<novalue>');
    });

    it('is unknown on an undecidable condition, with the cause', () => {
      expect(plain(resolve('!If [WantsTokens, required, optional]'))).toEqual({
        kind: 'unknown',
        reason: 'Fn::If on condition WantsTokens is undecidable (parameter Tokens has no Default)',
      });
    });

    it('uses the value when both branches give the same one', () => {
      expect(plain(resolve('!If [WantsTokens, required, required]'))).toBe('required');
      expect(plain(resolve('!If [WantsTokens, !Ref Bucket, !Ref Bucket]'))).toMatchObject({ target: 'Bucket' });
      expect(plain(resolve('!If [WantsTokens, [a], [b]]'))).toMatchObject({ kind: 'unknown' });
    });

    it('decides Equals, Not, And and Or, settling on one known operand', () => {
      expect(decide('IsProd')).toEqual({ known: true, value: true });
      expect(decide('IsDev')).toEqual({ known: true, value: false });
      expect(decide('SizeIsThree')).toEqual({ known: true, value: true });
      expect(decide('ProdOrTokens')).toEqual({ known: true, value: true });
      expect(decide('DevAndTokens')).toEqual({ known: true, value: false });
      expect(decide('ProdAndTokens')).toEqual({ known: false, reason: 'parameter Tokens has no Default' });
    });

    it('does not loop on a condition that refers to itself, nor invent missing ones', () => {
      expect(decide('Loop')).toEqual({ known: false, reason: 'condition Loop refers to itself' });
      expect(decide('Missing')).toEqual({ known: false, reason: 'condition Missing is not defined in Conditions' });
    });
  });
});
