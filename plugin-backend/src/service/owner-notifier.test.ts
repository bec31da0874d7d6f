import { mockServices } from '@backstage/backend-test-utils';
import { fileFinding, makeReport } from '../testing/report-fixtures';
import { DAY, T0, entity, serviceHarness } from '../testing/service-harness';
import { createTestDatabases, migratedKnex } from '../testing/test-databases';
import { OwnerNotifier } from './owner-notifier';

describe('owner notifications', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())('tell the owner once when findings pass their due date, and not at all without the notifications backend, on %p', async (id) => {
    const h = serviceHarness(await migratedKnex(databases, id));
    await h.store.upsertEntities([entity('payments-api')]);
    await h.ingest.ingestReport(makeReport([fileFinding('a'), fileFinding('b', { severity: 'low' })]), { subject: 'guardrails-ci' });

    const sent: Parameters<NonNullable<ConstructorParameters<typeof OwnerNotifier>[0]['notifications']>['send']>[0][] = [];
    const notifier = (fail = false) =>
      new OwnerNotifier({
        store: h.store,
        logger: mockServices.logger.mock(),
        clock: () => h.clock.now,
        entityUrl: (ref) => `http://portal.test/${ref}`,
        notifications: {
          send: (n) => {
            if (fail) return Promise.reject(new Error('404 notifications not installed'));
            sent.push(n);
            return Promise.resolve();
          },
        },
      });

    expect(await notifier().overdue()).toBe(0);
    h.clock.now = T0 + 8 * DAY; // the critical finding's 7-day SLA has passed; the low one has 180 days
    expect(await notifier(true).overdue()).toBe(0);
    expect(await notifier().overdue()).toBe(1);
    expect(sent).toEqual([
      {
        recipients: { type: 'entity', entityRef: 'group:default/team-payments' },
        payload: expect.objectContaining({ title: '1 guardrail finding of payments-api passed the due date', severity: 'critical', link: 'http://portal.test/component:default/payments-api' }),
      },
    ]);
    expect(await notifier().overdue()).toBe(0);
    expect(sent).toHaveLength(1);
  });
});
