/** A schema problem as zod reports it: where in the input, and what is wrong. */
export interface SchemaIssue {
  path: readonly PropertyKey[];
  message: string;
}

/**
 * One line naming each bad field (`findings.0.severity: Invalid option ...`), at most `max` of them and how many
 * more: the shared wording of every "this input is not valid" error (report pushes, report files, API bodies).
 */
export function describeSchemaIssues(issues: readonly SchemaIssue[], options: { max?: number; root?: string } = {}): string {
  const max = options.max ?? 10;
  const shown = issues.slice(0, max).map((i) => `${i.path.map(String).join('.') || (options.root ?? '(top level)')}: ${i.message}`);
  const more = issues.length > max ? ` (and ${issues.length - max} more)` : '';
  return `${shown.join('; ')}${more}`;
}
