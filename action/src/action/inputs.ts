import * as core from '@actions/core';
import type { FailOn } from '@pavedroad/guardrails-core';
import { GuardrailsError } from '@pavedroad/guardrails-core';

export type ScanMode = 'auto' | 'diff' | 'full';
export type AnnotationsMode = 'auto' | 'commands' | 'check-run' | 'none';
export type PortalAuth = 'token' | 'oidc';

/** Every input of action.yml, parsed and checked. */
export interface ActionInputs {
  path: string;
  mode: ScanMode;
  /** Undefined: the config file's `failOn` (itself `high` by default). */
  failOn?: FailOn;
  config?: string;
  githubToken?: string;
  annotations: AnnotationsMode;
  /** Most annotations one run writes (check run); workflow commands are capped lower by GitHub. */
  maxAnnotations: number;
  sarifFile: string;
  jsonFile: string;
  summary: boolean;
  portal?: {
    url: string;
    token?: string;
    auth: PortalAuth;
    audience: string;
    required: boolean;
  };
  awsContext: 'off' | 'auto';
}

export const DEFAULT_MAX_ANNOTATIONS = 1000;

function choice<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
  const value = core.getInput(name).trim().toLowerCase();
  if (!value) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new GuardrailsError('USAGE', `input ${name} must be one of ${allowed.join(', ')}; got "${value}"`);
}

function flag(name: string, fallback: boolean): boolean {
  const value = core.getInput(name).trim().toLowerCase();
  if (!value) return fallback;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new GuardrailsError('USAGE', `input ${name} must be true or false; got "${value}"`);
}

/** Reads the inputs; a wrong value is a usage error that names the input. */
export function readInputs(): ActionInputs {
  const text = (name: string) => core.getInput(name).trim();
  const maxText = text('max-annotations');
  const maxAnnotations = maxText ? Number(maxText) : DEFAULT_MAX_ANNOTATIONS;
  if (!Number.isInteger(maxAnnotations) || maxAnnotations < 0) {
    throw new GuardrailsError('USAGE', `input max-annotations must be a whole number of 0 or more; got "${maxText}"`);
  }
  const failOn = text('fail-on') ? choice<FailOn>('fail-on', ['critical', 'high', 'medium', 'low', 'none'], 'high') : undefined;

  const inputs: ActionInputs = {
    path: text('path') || '.',
    mode: choice<ScanMode>('mode', ['auto', 'diff', 'full'], 'auto'),
    annotations: choice<AnnotationsMode>('annotations', ['auto', 'commands', 'check-run', 'none'], 'auto'),
    maxAnnotations,
    sarifFile: text('sarif-file') || 'guardrails.sarif',
    jsonFile: text('json-file') || 'guardrails.json',
    summary: flag('summary', true),
    awsContext: choice('aws-context', ['off', 'auto'] as const, 'off'),
  };
  if (failOn) inputs.failOn = failOn;
  if (text('config')) inputs.config = text('config');
  const githubToken = text('github-token');
  if (githubToken) inputs.githubToken = githubToken;

  const portalUrl = text('portal-url').replace(/\/+$/, '');
  if (portalUrl) {
    if (!/^https?:\/\//i.test(portalUrl)) throw new GuardrailsError('USAGE', `input portal-url must be an http(s) URL; got "${portalUrl}"`);
    const token = text('portal-token');
    if (token) core.setSecret(token);
    inputs.portal = {
      url: portalUrl,
      auth: choice<PortalAuth>('portal-auth', ['token', 'oidc'], 'token'),
      audience: text('portal-audience') || portalUrl,
      required: flag('portal-required', false),
      ...(token ? { token } : {}),
    };
  }
  return inputs;
}
