import type { Site } from './attr';

/** An IAM policy statement, normalised: single values become lists; positions kept for findings. */
export interface PolicyStatement {
  sid?: string;
  effect: 'Allow' | 'Deny' | 'unknown';
  actions: string[];
  notActions: string[];
  resources: string[];
  notResources: string[];
  /** Principals by type (`AWS`, `Service`, `Federated`, `*`); `*` alone is `{ '*': ['*'] }`. */
  principals?: Record<string, string[]>;
  notPrincipals?: Record<string, string[]>;
  /** Condition operator → key → values. */
  conditions: Record<string, Record<string, string[]>>;
  /** True when part of the statement could not be resolved (then checks say unknown, not pass). */
  partial: boolean;
  at: Site;
}

export interface PolicyDocument {
  statements: PolicyStatement[];
  at: Site;
}
