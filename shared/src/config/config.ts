import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { GuardrailsError } from '../errors';
import { severitySchema } from '../model/finding';
import { DEFAULT_TRUSTED_ACTIONS, TRUSTED_ACTION_PATTERN } from '../workflows/trusted-action';

const SIZE = /^(\d+(?:\.\d+)?)\s*(B|KB|MB|GB)?$/i;
const UNIT: Record<string, number> = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 };

const sizeSchema = z.union([
  z.number().int().positive(),
  z.string().regex(SIZE, 'expected a size such as 1048576, "512KB" or "2MB"'),
]);

const regexSchema = z.string().refine(
  (source) => {
    try {
      new RegExp(source);
      return true;
    } catch {
      return false;
    }
  },
  { message: 'not a valid regular expression' },
);

export const failOnSchema = z.enum(['critical', 'high', 'medium', 'low', 'none']);
export type FailOn = z.infer<typeof failOnSchema>;

/** `.guardrails.yml`. Unknown keys are errors, so a typo never silently disables a setting. */
export const configSchema = z.strictObject({
  failOn: failOnSchema.optional(),
  maxFileSize: sizeSchema.optional(),
  ignore: z
    .strictObject({
      paths: z.array(z.string().min(1)).optional(),
      rules: z.array(z.string().min(1)).optional(),
    })
    .optional(),
  inlineSuppressions: z.boolean().optional(),
  baseline: z.string().min(1).optional(),
  rules: z
    .record(
      z.string(),
      z.strictObject({
        enabled: z.boolean().optional(),
        severity: severitySchema.optional(),
      }),
    )
    .optional(),
  secrets: z.strictObject({ allow: z.array(regexSchema).optional() }).optional(),
  ci: z
    .strictObject({
      /** Actions that may be used by tag instead of a full commit SHA; replaces the default list. */
      trustedActions: z
        .array(z.string().regex(TRUSTED_ACTION_PATTERN, 'expected an owner/repo pattern such as "actions/*" or "my-org/deploy"'))
        .optional(),
    })
    .optional(),
});
export type ConfigFile = z.infer<typeof configSchema>;

/** The settings a scan runs with, defaults applied. */
export interface Config {
  failOn: FailOn;
  maxFileSize: number;
  ignorePaths: string[];
  ignoreRules: string[];
  inlineSuppressions: boolean;
  baseline?: string;
  rules: Record<string, { enabled?: boolean | undefined; severity?: z.infer<typeof severitySchema> | undefined }>;
  allowSecrets: RegExp[];
  /** `owner/repo` patterns (`*` within a segment) of actions trusted without a SHA pin. */
  trustedActions: string[];
}

export const DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024;

export const DEFAULT_CONFIG: Config = {
  failOn: 'high',
  maxFileSize: DEFAULT_MAX_FILE_SIZE,
  ignorePaths: [],
  ignoreRules: [],
  inlineSuppressions: true,
  rules: {},
  allowSecrets: [],
  trustedActions: [...DEFAULT_TRUSTED_ACTIONS],
};

export function parseSize(value: number | string): number {
  if (typeof value === 'number') return value;
  const m = SIZE.exec(value.trim());
  if (!m) throw new Error(`not a size: ${value}`);
  return Math.round(Number(m[1]) * UNIT[(m[2] ?? 'B').toUpperCase()]!);
}

function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), '');
}

/**
 * Parses `.guardrails.yml` text. Throws a CONFIG_INVALID error naming the file, the field and the problem.
 * `knownIds` (rule and guardrail ids) turns misspelled ids under `rules` and `ignore.rules` into errors.
 */
export function parseConfig(text: string, file: string, knownIds?: ReadonlySet<string>): Config {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: false, lineCounter });
  const yamlError = doc.errors[0];
  if (yamlError) {
    const at = lineCounter.linePos(yamlError.pos[0]);
    const where = at ? `:${at.line}:${at.col}` : '';
    throw new GuardrailsError('CONFIG_INVALID', `${file}${where}: not valid YAML: ${yamlError.message.split('\n')[0]}`);
  }
  const raw: unknown = doc.toJS() ?? {};
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const field = fieldPath(issue.path) || '(top level)';
      return `${field}: ${issue.message}`;
    });
    throw new GuardrailsError('CONFIG_INVALID', `${file}: ${problems.join('; ')}`);
  }
  const c = parsed.data;
  if (knownIds) {
    const unknown = [
      ...Object.keys(c.rules ?? {}).map((id) => `rules.${id}`),
      ...(c.ignore?.rules ?? []).map((id, i) => `ignore.rules[${i}] "${id}"`),
    ].filter((field) => {
      const id = field.startsWith('rules.') ? field.slice(6) : field.replace(/^.*"(.*)"$/, '$1');
      return !knownIds.has(id);
    });
    if (unknown.length) {
      throw new GuardrailsError('CONFIG_INVALID', `${file}: ${unknown.join('; ')}: unknown rule or guardrail id`);
    }
  }
  const config: Config = {
    failOn: c.failOn ?? DEFAULT_CONFIG.failOn,
    maxFileSize: c.maxFileSize === undefined ? DEFAULT_MAX_FILE_SIZE : parseSize(c.maxFileSize),
    ignorePaths: c.ignore?.paths ?? [],
    ignoreRules: c.ignore?.rules ?? [],
    inlineSuppressions: c.inlineSuppressions ?? true,
    rules: c.rules ?? {},
    allowSecrets: (c.secrets?.allow ?? []).map((source) => new RegExp(source)),
    trustedActions: c.ci?.trustedActions ?? [...DEFAULT_TRUSTED_ACTIONS],
  };
  if (c.baseline) config.baseline = c.baseline;
  return config;
}
