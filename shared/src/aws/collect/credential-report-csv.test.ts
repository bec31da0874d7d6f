import { parseCredentialReport } from './credential-report-csv';

const HEADER =
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';

describe('parseCredentialReport', () => {
  it('leaves out the root row and reads sentinels as missing dates', () => {
    const csv = [
      HEADER,
      '<root_account>,arn:aws:iam::123456789012:root,2015-01-01T00:00:00+00:00,not_supported,2025-10-01T10:00:00+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A',
      'bob,arn:aws:iam::123456789012:user/bob,2020-06-01T00:00:00+00:00,true,no_information,N/A,N/A,false,true,2020-06-01T00:00:00+00:00,N/A,N/A,N/A,true,2024-01-01T00:00:00+00:00,2024-02-01T00:00:00+00:00,eu-west-1,ec2,false,N/A,false,N/A',
    ].join('\n');
    expect(parseCredentialReport(csv)).toEqual([
      {
        user: 'bob',
        arn: 'arn:aws:iam::123456789012:user/bob',
        passwordEnabled: true,
        passwordLastUsed: undefined,
        mfaActive: false,
        keys: [
          { active: true, lastRotated: '2020-06-01T00:00:00+00:00', lastUsed: undefined },
          { active: true, lastRotated: '2024-01-01T00:00:00+00:00', lastUsed: '2024-02-01T00:00:00+00:00' },
        ],
      },
    ]);
  });

  it('reads the bytes GetCredentialReport returns, and gives a user without keys two inactive slots', () => {
    const row = 'carol,arn:aws:iam::123456789012:user/carol,2020-06-01T00:00:00+00:00,true,2026-11-01T00:00:00+00:00,N/A,N/A,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A';
    expect(parseCredentialReport(new TextEncoder().encode(`${HEADER}\n${row}`))).toEqual([
      { user: 'carol', arn: 'arn:aws:iam::123456789012:user/carol', passwordEnabled: true, passwordLastUsed: '2026-11-01T00:00:00+00:00', mfaActive: true, keys: [{ active: false }, { active: false }] },
    ]);
  });

  it('keeps a quoted user name with a comma in one field', () => {
    const row = '"ops,oncall",arn:aws:iam::123456789012:user/ops,2020-06-01T00:00:00+00:00,false,N/A,N/A,N/A,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A';
    expect(parseCredentialReport(`${HEADER}\r\n${row}\r\n`).map((r) => [r.user, r.arn])).toEqual([['ops,oncall', 'arn:aws:iam::123456789012:user/ops']]);
  });
});
