import { createTestDatabases, MIGRATIONS_DIRECTORY } from '../testing/test-databases';

const TABLES = [
  'guardrails_entities',
  'guardrails_entity_accounts',
  'guardrails_reports',
  'guardrails_entity_sources',
  'guardrails_findings',
  'guardrails_finding_events',
  'guardrails_snapshots',
];

describe('migrations', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())('create every table and remove them all again on %p', async (id) => {
    const knex = await databases.init(id);
    await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
    for (const table of TABLES) expect(await knex.schema.hasTable(table)).toBe(true);

    await knex.migrate.rollback({ directory: MIGRATIONS_DIRECTORY }, true);
    for (const table of TABLES) expect(await knex.schema.hasTable(table)).toBe(false);

    // And up again: a downgrade followed by an upgrade works.
    await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
    expect(await knex.schema.hasTable('guardrails_findings')).toBe(true);
  });
});
