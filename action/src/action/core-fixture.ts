// A stand-in for @actions/core in unit tests: `jest.unstable_mockModule('@actions/core', () => core)` before
// importing the module under test. Inputs are set per test; every call is recorded.
import { jest } from '@jest/globals';
import type { AnnotationProperties } from '@actions/core';

export interface Logged {
  level: 'error' | 'warning' | 'notice' | 'info';
  message: string;
  properties?: AnnotationProperties;
}

const inputs = new Map<string, string>();
export const logged: Logged[] = [];
export const outputs = new Map<string, unknown>();
export const failures: string[] = [];

const log = (level: Logged['level']) => (message: string | Error, properties?: AnnotationProperties) => {
  logged.push({ level, message: String(message), ...(properties ? { properties } : {}) });
};

export const core = {
  getInput: jest.fn((name: string) => inputs.get(name) ?? ''),
  setSecret: jest.fn(),
  debug: jest.fn(),
  info: jest.fn((message: string) => log('info')(message)),
  notice: jest.fn(log('notice')),
  warning: jest.fn(log('warning')),
  error: jest.fn(log('error')),
  setOutput: jest.fn((name: string, value: unknown) => {
    outputs.set(name, value);
  }),
  setFailed: jest.fn((message: string | Error) => {
    failures.push(String(message));
  }),
  // As on a runner without `id-token: write` (and on every fork PR).
  getIDToken: jest.fn((audience?: string): Promise<string> => Promise.reject(new Error(`Unable to get ACTIONS_ID_TOKEN_REQUEST_URL env variable (audience ${audience})`))),
};

/** Clears what was recorded and sets the inputs for the next test. */
export function resetCore(values: Record<string, string> = {}): void {
  inputs.clear();
  for (const [name, value] of Object.entries(values)) inputs.set(name, value);
  logged.length = 0;
  outputs.clear();
  failures.length = 0;
  jest.clearAllMocks();
}

/** The annotations and notices recorded at a level. */
export const at = (level: Logged['level']) => logged.filter((l) => l.level === level);
