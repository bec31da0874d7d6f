/** Fills `{{name}}` placeholders. A placeholder without data is left visible so tests catch it. */
export function formatMessage(template: string, data: Readonly<Record<string, string>>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => data[key] ?? whole);
}
