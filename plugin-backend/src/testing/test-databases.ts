import { TestDatabases } from '@backstage/backend-test-utils';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';

/**
 * SQLite always; PostgreSQL when BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING (or 16, 17) points at a
 * server (.ci/run sets it for the local one). Never docker.
 */
export function createTestDatabases(): TestDatabases {
  return TestDatabases.create({ ids: ['POSTGRES_17', 'POSTGRES_16', 'POSTGRES_15', 'SQLITE_3'], disableDocker: true });
}

export const MIGRATIONS_DIRECTORY = resolvePackagePath('@pavedroad/plugin-guardrails-backend', 'migrations');

export async function migratedKnex(databases: TestDatabases, id: Parameters<TestDatabases['init']>[0]): Promise<Knex> {
  const knex = await databases.init(id);
  await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
  return knex;
}
