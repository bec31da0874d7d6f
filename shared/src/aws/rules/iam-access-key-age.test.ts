import type { Attr } from '../../iac/model/attr';
import { absent, set } from '../../iac/model/attr';
import type { IamAccessKey } from '../../iac/model/resources';
import { ResourceModel } from '../../iac/model/resources';
import type { ResourceReport } from '../../iac/rules/resource-rule';
import { liveSite } from '../collect/live-inventory';
import { iamAccessKeyAge } from './iam-access-key-age';

const site = liveSite('123456789012', 'arn:aws:iam::123456789012:user/ci');

function key(ageDays: number, unusedDays: Attr<number>, active = true): IamAccessKey {
  return { kind: 'iam-access-key', address: 'k', type: 'AWS::IAM::AccessKey', origin: 'aws', site, name: 'AKIA…ABCD of ci', user: set('ci', site), keyLabel: 'AKIA…ABCD', active: set(active, site), ageDays: set(ageDays, site), unusedDays };
}

function check(k: IamAccessKey) {
  const reports: ResourceReport<string>[] = [];
  const undecided: string[] = [];
  iamAccessKeyAge.check(k, { model: new ResourceModel([k]), report: (r) => reports.push(r), undecided: (r) => undecided.push(r) });
  return { found: reports.map((r) => `${r.messageId} ${r.severity ?? iamAccessKeyAge.severity}`), reports, undecided };
}

describe('iam-access-key-age', () => {
  it.each([
    [30, []],
    [91, ['age90d low']],
    [366, ['age1y medium']],
    [3 * 365 + 1, ['age3y high']],
    [5 * 365 + 1, ['age5y critical']],
  ])('grades an active key used yesterday and %i days old as %j', (age, expected) => {
    expect(check(key(age, set(1, site))).found).toEqual(expected);
  });

  it('reports a key unused for more than 90 days', () => {
    expect(check(key(30, set(120, site))).found).toEqual(['unused medium']);
  });

  it('reports a never-used key older than 90 days with its own reason, and leaves a new one alone', () => {
    expect(check(key(120, absent(site))).found).toEqual(['age90d low', 'neverUsed medium']);
    expect(check(key(10, absent(site))).found).toEqual([]);
  });

  it('does not report inactive keys', () => {
    expect(check(key(4000, absent(site), false)).found).toEqual([]);
  });

  it('keeps one issue per key and concern, whatever its age', () => {
    const { reports } = check(key(2000, set(200, site)));
    expect(reports.map((r) => r.properties?.issue)).toEqual(['age', 'use']);
  });

  it('is undecided when the last use could not be read', () => {
    expect(check(key(10, { state: 'unknown', at: site, reason: 'denied' })).undecided).toEqual(['the last use of AKIA…ABCD of ci: denied']);
  });

  it('fills every placeholder of its messages', () => {
    for (const r of check(key(2000, set(200, site))).reports) expect(Object.keys(r.data ?? {})).toEqual(expect.arrayContaining([...(iamAccessKeyAge.messages[r.messageId as 'age5y'].match(/\{\{(\w+)\}\}/g) ?? []).map((m) => m.slice(2, -2))]));
  });
});
