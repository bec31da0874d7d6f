import { ActionCatalog } from './action-catalog';
import { coversAction, expandActions, matchesAction, statementActions } from './action-matcher';

const catalog = new ActionCatalog([
  'iam:PassRole',
  'iam:PutRolePolicy',
  'iam:PutUserPolicy',
  'iam:GetRole',
  'ssm:SendCommand',
  'ssm:StartSession',
  'ssm:GetParameter',
  's3:GetObject',
  's3:GetObjectAcl',
  's3:PutObject',
]);

describe('matchesAction', () => {
  it('matches `*` across any run of characters, including none', () => {
    expect(matchesAction('iam:*', 'iam:PassRole')).toBe(true);
    expect(matchesAction('iam:Pass*', 'iam:Pass')).toBe(true);
    expect(matchesAction('*', 'ssm:StartSession')).toBe(true);
    expect(matchesAction('iam:*Role', 'iam:PutRolePolicy')).toBe(false);
  });

  it('matches `?` to exactly one character', () => {
    expect(matchesAction('s3:GetObjec?', 's3:GetObject')).toBe(true);
    expect(matchesAction('s3:GetObjec?', 's3:GetObjec')).toBe(false);
  });

  it('ignores case, as IAM does for action names', () => {
    expect(matchesAction('IAM:passrole', 'iam:PassRole')).toBe(true);
    expect(matchesAction('SSM:Start*', 'ssm:StartSession')).toBe(true);
  });

  it('treats regular-expression characters literally', () => {
    expect(matchesAction('s3:Get.bject', 's3:GetObject')).toBe(false);
  });
});

describe('expandActions', () => {
  it('expands patterns over the catalog with its spelling', () => {
    expect([...expandActions(['iam:put*'], catalog)]).toEqual(['iam:PutRolePolicy', 'iam:PutUserPolicy']);
    expect([...expandActions(['s3:Get*Object'], catalog)]).toEqual(['s3:GetObject']);
  });

  it('expands wildcard services across all services', () => {
    expect([...expandActions(['*:Get*'], catalog)]).toEqual(['iam:GetRole', 'ssm:GetParameter', 's3:GetObject', 's3:GetObjectAcl']);
    expect(expandActions(['*'], catalog).size).toBe(10);
  });

  it('names nothing for services outside the catalog', () => {
    expect(expandActions(['rds:*'], catalog).size).toBe(0);
  });
});

describe('statementActions', () => {
  it('unions the Action patterns', () => {
    expect([...statementActions({ actions: ['ssm:SendCommand', 's3:Get*'], notActions: [] }, catalog)]).toEqual(['ssm:SendCommand', 's3:GetObject', 's3:GetObjectAcl']);
  });

  it('allows every catalog action that NotAction does not list', () => {
    expect([...statementActions({ actions: [], notActions: ['iam:*', 's3:*'] }, catalog)]).toEqual(['ssm:SendCommand', 'ssm:StartSession', 'ssm:GetParameter']);
  });
});

describe('coversAction', () => {
  it('covers an action named or matched in Action', () => {
    expect(coversAction({ actions: ['sts:*'], notActions: [] }, 'sts:AssumeRole')).toBe(true);
    expect(coversAction({ actions: ['sts:AssumeRoleWithWebIdentity'], notActions: [] }, 'sts:AssumeRole')).toBe(false);
  });

  it('covers an action that NotAction does not exclude', () => {
    expect(coversAction({ actions: [], notActions: ['iam:*'] }, 'sts:AssumeRole')).toBe(true);
    expect(coversAction({ actions: [], notActions: ['sts:Assume*'] }, 'sts:AssumeRole')).toBe(false);
  });
});
