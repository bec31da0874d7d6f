import { coreServices, createBackendPlugin, resolvePackagePath } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { GUARDRAILS_PERMISSIONS } from '@pavedroad/guardrails-core/model';
import { randomUUID } from 'node:crypto';
import { createRouter } from './router/create-router';
import { EntityDirectory } from './service/entity-directory';
import { readGuardrailsOptions } from './service/guardrails-options';
import { IngestService } from './service/ingest-service';
import { OwnerNotifier } from './service/owner-notifier';
import { ScorecardService } from './service/scorecard-service';
import { TriageService } from './service/triage-service';
import { KnexGuardrailsStore } from './store/knex-guardrails-store';
import { runDailyTask } from './tasks/daily-task';
import { AwsScanScheduler } from './aws/aws-scan-scheduler';
import { awsScanner } from './aws/aws-scanner';

/** The Paved Road Guardrails backend plugin. Wiring only: the logic lives in the services. */
export const guardrailsPlugin = createBackendPlugin({
  pluginId: 'guardrails',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        catalog: catalogServiceRef,
        notifications: notificationService,
      },
      async init({ config, logger, database, scheduler, httpRouter, httpAuth, auth, permissions, permissionsRegistry, auditor, catalog, notifications }) {
        const options = readGuardrailsOptions(config);
        const knex = await database.getClient();
        if (!database.migrations?.skip) {
          await knex.migrate.latest({ directory: resolvePackagePath('@pavedroad/plugin-guardrails-backend', 'migrations') });
        }
        const store = new KnexGuardrailsStore(knex);
        const clock = () => Date.now();
        const entityUrl = (entityRef: string) => {
          if (!options.portalBaseUrl) return undefined;
          const [kind, rest] = entityRef.split(':');
          const [namespace, name] = (rest ?? '').split('/');
          return `${options.portalBaseUrl.replace(/\/$/, '')}/catalog/${namespace}/${kind}/${name}/guardrails`;
        };
        permissionsRegistry.addPermissions([...GUARDRAILS_PERMISSIONS]);

        const notifier = new OwnerNotifier({ store, logger, clock, entityUrl, ...(options.notificationsEnabled ? { notifications } : {}) });
        const onLevelChanges = (changes: Parameters<OwnerNotifier['levelChanges']>[0]) => notifier.levelChanges(changes);
        const directory = new EntityDirectory({ store, catalog, auth, logger, clock });
        const ingest = new IngestService({ store, directory, sla: options.sla, bindings: options.bindings, clock, newId: randomUUID, entityUrl, onLevelChanges });
        const scorecards = new ScorecardService({ store, clock, sourceBaseUrl: options.sourceBaseUrl });
        const triage = new TriageService({ store, clock, sourceBaseUrl: options.sourceBaseUrl, onLevelChanges });
        const scans = options.aws.accounts.length > 0 ? new AwsScanScheduler({ options: options.aws, scheduler, ingest, scanner: awsScanner, logger, clock }) : undefined;

        await scheduler.scheduleTask({
          id: 'guardrails-catalog-sync',
          frequency: { minutes: options.catalogSyncMinutes },
          timeout: { minutes: 5 },
          initialDelay: { seconds: 5 },
          scope: 'global',
          fn: async () => {
            const outcome = await directory.sync();
            let applied = 0;
            for (const sourceKey of outcome.claimedSources) applied += await ingest.applyUnclaimed(sourceKey);
            logger.info(`Guardrails catalog sync: ${outcome.entities} annotated entities${applied ? `, ${applied} earlier report(s) claimed` : ''}`);
          },
        });
        await scheduler.scheduleTask({
          id: 'guardrails-daily',
          frequency: { cron: options.snapshotCron },
          timeout: { minutes: 30 },
          scope: 'global',
          fn: async () => {
            await runDailyTask({ store, triage, notifier, logger, clock, retentionDays: options.retentionDays });
          },
        });
        await scans?.schedule();

        httpRouter.use(
          createRouter({
            httpAuth,
            permissions,
            auditor,
            ingest,
            scorecards,
            triage,
            maxBodySize: options.maxBodySize,
            ...(scans ? { scans } : {}),
            teamTitle: async (teamRef, credentials) => {
              try {
                const team = await catalog.getEntityByRef(teamRef, { credentials });
                return team?.metadata.title ?? (team ? stringifyEntityRef(team) : undefined);
              } catch {
                return undefined;
              }
            },
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
