import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { Config } from '@pavedroad/guardrails-core';
import { DEFAULT_CONFIG, GuardrailsError, knownIds, parseConfig } from '@pavedroad/guardrails-core';

export const CONFIG_FILE = '.guardrails.yml';

/**
 * Loads the config: the file named on the command line (which must exist), else `.guardrails.yml` in the
 * scan root if there is one, else the defaults.
 */
export async function loadConfig(root: string, explicit: string | undefined, cwd: string): Promise<Config> {
  const file = explicit ?? join(root, CONFIG_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!explicit && code === 'ENOENT') return DEFAULT_CONFIG;
    throw new GuardrailsError('IO', `cannot read config ${relative(cwd, file) || file}: ${code ?? String(error)}`, { cause: error });
  }
  return parseConfig(text, relative(cwd, file) || file, knownIds());
}
