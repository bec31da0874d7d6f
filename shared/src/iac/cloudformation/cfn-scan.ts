import type { ScanError } from '../../model/report';
import type { Resource } from '../model/resources';
import { adaptTemplate } from './cfn-adapter';
import { parseTemplate } from './cfn-template';

export interface CloudFormationScan {
  resources: Resource[];
  errors: ScanError[];
}

/** Parses and adapts a CloudFormation template; undefined when the text is not one. Never throws. */
export function scanCloudFormation(path: string, text: string): CloudFormationScan | undefined {
  const parsed = parseTemplate(path, text);
  if (!parsed) return undefined;
  return { resources: adaptTemplate(path, parsed.template), errors: parsed.errors };
}
