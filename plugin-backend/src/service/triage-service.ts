import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import type { FindingStatus, FindingView, TriageRequest } from '@pavedroad/guardrails-core/model';
import { TRIAGE_ACTIONS, describeSchemaIssues } from '@pavedroad/guardrails-core/model';
import { z } from 'zod';
import type { FindingEventRecord, FindingRecord } from '../store/finding-record';
import type { GuardrailsStore } from '../store/guardrails-store';
import type { LevelChange } from './posture-service';
import { recomputePosture } from './posture-service';
import { findingViewOf } from './views';

const MAX_REASON = 2000;

const triageSchema = z
  .object({
    action: z.enum(TRIAGE_ACTIONS),
    reason: z.string().trim().min(1, 'a reason is required').max(MAX_REASON),
    expiresAt: z.string().optional(),
  })
  .strict();

/** Validates a triage body; `expiresAt` must be a future date and is required to accept a risk. */
export function parseTriage(body: unknown, now: number): TriageRequest & { expiresAtMs?: number } {
  const parsed = triageSchema.safeParse(body);
  if (!parsed.success) {
    throw new InputError(`Invalid triage request: ${describeSchemaIssues(parsed.error.issues, { root: '(body)' })}`);
  }
  const request: TriageRequest & { expiresAtMs?: number } = { action: parsed.data.action, reason: parsed.data.reason };
  if (parsed.data.expiresAt !== undefined) {
    const ms = Date.parse(parsed.data.expiresAt);
    if (Number.isNaN(ms)) throw new InputError('Invalid triage request: expiresAt: not a date (use YYYY-MM-DD or an ISO date-time)');
    if (ms <= now) throw new InputError('Invalid triage request: expiresAt: must be in the future');
    request.expiresAt = parsed.data.expiresAt;
    request.expiresAtMs = ms;
  }
  if (request.action === 'accept-risk' && request.expiresAtMs === undefined) {
    throw new InputError('Invalid triage request: expiresAt: an accepted risk needs an expiry date, so it is reviewed again');
  }
  return request;
}

/** The status a triage action moves a finding to, or why it cannot. */
function nextStatus(f: FindingRecord, action: TriageRequest['action']): FindingStatus {
  if (f.status === 'fixed') throw new ConflictError(`Finding ${f.id} is fixed; there is nothing to triage`);
  if (f.inlineSuppressed) {
    throw new ConflictError(`Finding ${f.id} is suppressed in the code (guardrails:ignore); change the comment in the repository instead`);
  }
  switch (action) {
    case 'suppress':
      return 'suppressed';
    case 'accept-risk':
      return 'accepted';
    case 'reopen':
      if (f.status !== 'suppressed' && f.status !== 'accepted') throw new ConflictError(`Finding ${f.id} is ${f.status}; only suppressed or accepted findings can be reopened`);
      return 'reopened';
  }
}

/** Portal triage: suppress, accept a risk until a date, or reopen; each change is an event and moves the score. */
export class TriageService {
  constructor(private readonly deps: { store: GuardrailsStore; clock: () => number; sourceBaseUrl: string; onLevelChanges?: (changes: LevelChange[]) => Promise<void> }) {}

  /** The finding's entity, for the permission check that must come before the change. */
  async entityOf(findingId: string): Promise<string> {
    const f = await this.deps.store.getFinding(findingId);
    if (!f) throw new NotFoundError(`No finding ${findingId}`);
    return f.entityRef;
  }

  async triage(findingId: string, body: unknown, actor: string): Promise<{ view: FindingView; from: FindingStatus }> {
    const now = this.deps.clock();
    const request = parseTriage(body, now);
    let change: LevelChange | undefined;
    const result = await this.deps.store.transaction(async (tx) => {
      const current = await tx.getFinding(findingId);
      if (!current) throw new NotFoundError(`No finding ${findingId}`);
      await tx.lock(`entity:${current.entityRef}`);
      const f = (await tx.getFinding(findingId)) ?? current;
      const to = nextStatus(f, request.action);
      const next: FindingRecord = { ...f, status: to };
      if (to === 'reopened') delete next.triage;
      else {
        next.triage = { reason: request.reason, by: actor, at: now };
        if (request.expiresAtMs !== undefined) next.triage.expiresAt = request.expiresAtMs;
      }
      await tx.saveFindings([next]);
      const event: FindingEventRecord = { findingId, at: now, from: f.status, to, actor, reason: request.reason };
      await tx.insertEvents([event]);
      change = await recomputePosture(tx, f.entityRef, now);
      return { view: findingViewOf(next, now, this.deps.sourceBaseUrl), from: f.status };
    });
    if (change) await this.deps.onLevelChanges?.([change]);
    return result;
  }

  /** Lapsed suppressions and accepted risks come back as reopened. Returns how many. */
  async expire(limit = 1000): Promise<number> {
    const now = this.deps.clock();
    // Locks are taken in entity order, as ingestion takes them, so the two never deadlock.
    const expired = (await this.deps.store.expiredTriage(now, limit)).sort((a, b) => a.entityRef.localeCompare(b.entityRef));
    const entities = new Set<string>();
    await this.deps.store.transaction(async (tx) => {
      for (const f of expired) {
        await tx.lock(`entity:${f.entityRef}`);
        const next: FindingRecord = { ...f, status: 'reopened' };
        delete next.triage;
        await tx.saveFindings([next]);
        await tx.insertEvents([{ findingId: f.id, at: now, from: f.status, to: 'reopened', actor: 'expiry', reason: `the ${f.status === 'accepted' ? 'accepted risk' : 'suppression'} expired` }]);
        entities.add(f.entityRef);
      }
      for (const ref of entities) await recomputePosture(tx, ref, now);
    });
    return expired.length;
  }
}
