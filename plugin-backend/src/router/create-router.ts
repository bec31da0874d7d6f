import type {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { Grade, PavedRoadLevel } from '@pavedroad/guardrails-core/model';
import {
  FINDING_STATUSES,
  GUARDRAIL_IDS,
  SEVERITIES,
  guardrailsFindingReadPermission,
  guardrailsFindingUpdatePermission,
  guardrailsReportCreatePermission,
  guardrailsScanTriggerPermission,
} from '@pavedroad/guardrails-core/model';
import express from 'express';
import type { Request } from 'express';
import Router from 'express-promise-router';
import type { IngestService } from '../service/ingest-service';
import type { ScorecardService } from '../service/scorecard-service';
import type { TriageService } from '../service/triage-service';
import { SCORECARD_SORTS } from '../store/guardrails-store';
import { PayloadTooLargeError } from './payload-too-large-error';
import { enumListParam, intParam, listParam, pageParams, stringParam } from './query';

const LEVELS: readonly PavedRoadLevel[] = ['none', 'bronze', 'silver', 'gold'];
const GRADES: readonly Grade[] = ['A', 'B', 'C', 'D', 'F'];
const MAX_DAYS = 400;

/** Manual live scans, when the AWS integration is configured. */
export interface ScanTrigger {
  accounts(): { accountId: string; lastRun?: unknown }[];
  trigger(accountId: string): Promise<void>;
}

export interface RouterDeps {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  ingest: IngestService;
  scorecards: ScorecardService;
  triage: TriageService;
  maxBodySize: string;
  teamTitle?: (teamRef: string, credentials: BackstageCredentials) => Promise<string | undefined>;
  scans?: ScanTrigger;
}

function entityRefOf(req: Request): string {
  const { kind, namespace, name } = req.params as Record<string, string | undefined>;
  if (!kind || !namespace || !name) throw new InputError('Expected /entities/:kind/:namespace/:name');
  return `${kind}:${namespace}/${name}`.toLocaleLowerCase('en-US');
}

/**
 * The HTTP surface (described in openapi.yaml): validates input, checks credentials and permissions, calls a
 * service, and lets Backstage's error handler turn errors into statuses (InputError 400, NotAllowedError 403,
 * NotFoundError 404, ConflictError 409, PayloadTooLargeError 413).
 */
export function createRouter(deps: RouterDeps): express.Router {
  const { httpAuth, permissions, auditor } = deps;
  const router = Router();

  const jsonBody = express.json({ limit: deps.maxBodySize });
  router.use((req, res, next) => {
    jsonBody(req, res, (error?: unknown) => {
      if (error && typeof error === 'object' && (error as { type?: string }).type === 'entity.too.large') {
        next(new PayloadTooLargeError(`The report is larger than guardrails.ingest.maxBodySize (${deps.maxBodySize})`));
        return;
      }
      if (error && typeof error === 'object' && (error as { type?: string }).type === 'entity.parse.failed') {
        next(new InputError(`The body is not valid JSON: ${(error as Error).message}`));
        return;
      }
      next(error as Error | undefined);
    });
  });

  const readCredentials = (req: Request) => httpAuth.credentials(req, { allow: ['user', 'service'] });

  async function allowed(credentials: BackstageCredentials, permission: typeof guardrailsFindingReadPermission | typeof guardrailsFindingUpdatePermission, entityRefs: string[]): Promise<string[]> {
    if (entityRefs.length === 0) return [];
    const decisions = await permissions.authorize(entityRefs.map((resourceRef) => ({ permission, resourceRef })), { credentials });
    return entityRefs.filter((_, i) => decisions[i]?.result === AuthorizeResult.ALLOW);
  }

  async function requirePermission(credentials: BackstageCredentials, permission: typeof guardrailsFindingReadPermission | typeof guardrailsFindingUpdatePermission, entityRef: string) {
    const ok = await allowed(credentials, permission, [entityRef]);
    if (ok.length === 0) throw new NotAllowedError(`Not allowed: ${permission.name} on ${entityRef}`);
  }

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.post('/reports', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['service'] });
    const event = await auditor.createEvent({ eventId: 'report-ingest', severityLevel: 'low', request: req });
    try {
      const [decision] = await permissions.authorize([{ permission: guardrailsReportCreatePermission }], { credentials });
      if (decision?.result !== AuthorizeResult.ALLOW) throw new NotAllowedError(`Not allowed: ${guardrailsReportCreatePermission.name}`);
      const result = await deps.ingest.ingestReport(req.body as unknown, { subject: credentials.principal.subject });
      await event.success({ meta: { reportId: result.id, status: result.status, entities: result.entities, subject: credentials.principal.subject } });
      res.status(result.status === 'accepted' ? 201 : 200).json(result);
    } catch (error) {
      await event.fail({ error: error as Error, meta: { subject: credentials.principal.subject } });
      throw error;
    }
  });

  router.get('/reports/unclaimed', async (req, res) => {
    await readCredentials(req);
    res.json(await deps.scorecards.unclaimed(pageParams(req.query)));
  });

  router.get('/scorecards', async (req, res) => {
    await readCredentials(req);
    const q = req.query;
    const query: Parameters<ScorecardService['listScorecards']>[0] = { ...pageParams(q), sort: enumListParam(q.sort, 'sort', SCORECARD_SORTS)?.[0] ?? '-score' };
    const owner = listParam(q.owner, 'owner')?.map((o) => (o.includes(':') ? o : `group:default/${o}`).toLocaleLowerCase('en-US'));
    if (owner) query.owner = owner;
    const system = listParam(q.system, 'system')?.map((s) => (s.includes(':') ? s : `system:default/${s}`).toLocaleLowerCase('en-US'));
    if (system) query.system = system;
    const kind = listParam(q.kind, 'kind')?.map((k) => k.toLocaleLowerCase('en-US'));
    if (kind) query.kind = kind;
    const lifecycle = listParam(q.lifecycle, 'lifecycle');
    if (lifecycle) query.lifecycle = lifecycle;
    const level = enumListParam(q.level, 'level', LEVELS);
    if (level) query.level = level;
    const grade = enumListParam(q.grade, 'grade', GRADES);
    if (grade) query.grade = grade;
    const text = stringParam(q.q, 'q');
    if (text) query.q = text;
    res.json(await deps.scorecards.listScorecards(query));
  });

  router.get('/entities/:kind/:namespace/:name/scorecard', async (req, res) => {
    await readCredentials(req);
    res.json(await deps.scorecards.entityScorecard(entityRefOf(req)));
  });

  router.get('/entities/:kind/:namespace/:name/findings', async (req, res) => {
    const credentials = await readCredentials(req);
    const entityRef = entityRefOf(req);
    await requirePermission(credentials, guardrailsFindingReadPermission, entityRef);
    const q = req.query;
    const query: Parameters<ScorecardService['findings']>[0] = { ...pageParams(q), entityRefs: [entityRef] };
    const guardrail = enumListParam(q.guardrail, 'guardrail', GUARDRAIL_IDS);
    if (guardrail) query.guardrail = guardrail;
    const severity = enumListParam(q.severity, 'severity', SEVERITIES);
    if (severity) query.severity = severity;
    const status = enumListParam(q.status, 'status', FINDING_STATUSES);
    if (status) query.status = status;
    const source = enumListParam(q.source, 'source', ['repo', 'aws'] as const);
    if (source) query.source = source;
    res.json(await deps.scorecards.findings(query));
  });

  router.get('/entities/:kind/:namespace/:name/history', async (req, res) => {
    await readCredentials(req);
    res.json(await deps.scorecards.history(entityRefOf(req), intParam(req.query.days, 'days', 90, 1, MAX_DAYS)));
  });

  router.get('/entities/:kind/:namespace/:name/pull-requests', async (req, res) => {
    const credentials = await readCredentials(req);
    const entityRef = entityRefOf(req);
    await requirePermission(credentials, guardrailsFindingReadPermission, entityRef);
    res.json(await deps.scorecards.pullRequests(entityRef, pageParams(req.query)));
  });

  router.get('/findings/:id', async (req, res) => {
    const credentials = await readCredentials(req);
    const detail = await deps.scorecards.finding(req.params.id);
    await requirePermission(credentials, guardrailsFindingReadPermission, detail.entityRef);
    res.json(detail);
  });

  router.patch('/findings/:id', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const actor = credentials.principal.type === 'user' ? credentials.principal.userEntityRef : credentials.principal.subject;
    const entityRef = await deps.triage.entityOf(req.params.id);
    const body = req.body as { action?: unknown; reason?: unknown } | undefined;
    const event = await auditor.createEvent({
      eventId: 'finding-triage',
      severityLevel: 'medium',
      request: req,
      meta: { findingId: req.params.id, entityRef, actor, action: typeof body?.action === 'string' ? body.action : '', reason: typeof body?.reason === 'string' ? body.reason : '' },
    });
    try {
      await requirePermission(credentials, guardrailsFindingUpdatePermission, entityRef);
      const { view, from } = await deps.triage.triage(req.params.id, req.body as unknown, actor);
      await event.success({ meta: { from, to: view.status } });
      res.json(view);
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  });

  router.get('/teams/:namespace/:name', async (req, res) => {
    const credentials = await readCredentials(req);
    const teamRef = `group:${req.params.namespace}/${req.params.name}`.toLocaleLowerCase('en-US');
    const title = await deps.teamTitle?.(teamRef, credentials);
    const days = intParam(req.query.days, 'days', 90, 1, MAX_DAYS);
    res.json(await deps.scorecards.team(teamRef, days, (refs) => allowed(credentials, guardrailsFindingReadPermission, refs), title));
  });

  router.get('/overview', async (req, res) => {
    await readCredentials(req);
    res.json(await deps.scorecards.overview(intParam(req.query.days, 'days', 90, 1, MAX_DAYS)));
  });

  router.get('/aws/accounts', async (req, res) => {
    await readCredentials(req);
    res.json({ items: deps.scans?.accounts() ?? [] });
  });

  router.post('/aws/accounts/:accountId/scan', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const [decision] = await permissions.authorize([{ permission: guardrailsScanTriggerPermission }], { credentials });
    if (decision?.result !== AuthorizeResult.ALLOW) throw new NotAllowedError(`Not allowed: ${guardrailsScanTriggerPermission.name}`);
    if (!deps.scans) throw new InputError('No AWS accounts are configured (guardrails.aws.accounts)');
    const event = await auditor.createEvent({ eventId: 'aws-scan-trigger', severityLevel: 'medium', request: req, meta: { accountId: req.params.accountId } });
    try {
      await deps.scans.trigger(req.params.accountId);
      await event.success();
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
    res.status(202).json({ accountId: req.params.accountId, status: 'triggered' });
  });

  return router;
}
