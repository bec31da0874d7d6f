/** One IAM user's row of the credential report (the `<root_account>` row is left out). */
export interface CredentialReportRow {
  user: string;
  arn: string;
  createdAt?: string | undefined;
  passwordEnabled: boolean;
  passwordLastUsed?: string | undefined;
  mfaActive: boolean;
  /** Key slots 1 and 2: the report has no key ids. */
  keys: { active: boolean; lastRotated?: string | undefined; lastUsed?: string | undefined }[];
}

/** Sentinels in date columns: no value (`N/A`), root-only (`not_supported`), before 2014-10-20 (`no_information`). */
const NO_DATE = new Set(['N/A', 'not_supported', 'no_information', '']);

/** Splits CSV lines; IAM user names may contain commas, so quoted fields are honoured. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line) continue;
    const fields: string[] = [];
    let field = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i]!;
      if (quoted) {
        if (c === '"' && line[i + 1] === '"') {
          field += '"';
          i++;
        } else if (c === '"') quoted = false;
        else field += c;
      } else if (c === '"') quoted = true;
      else if (c === ',') {
        fields.push(field);
        field = '';
      } else field += c;
    }
    fields.push(field);
    rows.push(fields);
  }
  return rows;
}

/** Reads the report's CSV by column name (the column order is documented, but names are safer). */
export function parseCredentialReport(csv: string): CredentialReportRow[] {
  const [header, ...rows] = parseCsv(csv);
  if (!header) return [];
  const col = new Map(header.map((name, i) => [name, i]));
  const out: CredentialReportRow[] = [];
  for (const fields of rows) {
    const get = (name: string) => fields[col.get(name) ?? -1] ?? '';
    const date = (name: string) => (NO_DATE.has(get(name)) ? undefined : get(name));
    if (get('user') === '<root_account>') continue;
    out.push({
      user: get('user'),
      arn: get('arn'),
      createdAt: date('user_creation_time'),
      passwordEnabled: get('password_enabled') === 'true',
      passwordLastUsed: date('password_last_used'),
      mfaActive: get('mfa_active') === 'true',
      keys: [1, 2].map((n) => ({
        active: get(`access_key_${n}_active`) === 'true',
        lastRotated: date(`access_key_${n}_last_rotated`),
        lastUsed: date(`access_key_${n}_last_used_date`),
      })),
    });
  }
  return out;
}
