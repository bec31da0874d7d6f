import type { Report } from '@pavedroad/guardrails-core';
import { formatJson } from './json-format';
import { formatSarif } from './sarif-format';
import { formatText } from './text-format';

export interface FormatContext {
  color: boolean;
}

/** Output formats, listed explicitly. */
export const FORMATS = {
  text: (report: Report, ctx: FormatContext) => formatText(report, { color: ctx.color }),
  json: (report: Report) => formatJson(report),
  sarif: (report: Report) => formatSarif(report),
} as const satisfies Record<string, (report: Report, ctx: FormatContext) => string>;

export type FormatName = keyof typeof FORMATS;

export function isFormatName(value: string): value is FormatName {
  return Object.hasOwn(FORMATS, value);
}
