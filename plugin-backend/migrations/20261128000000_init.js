// @ts-check
// Times are epoch milliseconds (bigint) so SQLite and PostgreSQL read back the same value.

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('guardrails_entities', (t) => {
    t.comment('Catalog entities that claim a repository or an AWS account, with their current posture');
    t.string('entity_ref').primary();
    t.string('kind').notNullable();
    t.string('namespace').notNullable();
    t.string('name').notNullable();
    t.string('title');
    t.string('owner');
    t.string('system');
    t.string('lifecycle');
    t.string('type');
    t.string('repository').comment('github.com/project-slug, lower case');
    t.text('aws_accounts').notNullable().defaultTo('[]').comment('JSON array of amazonaws.com/account-id');
    t.boolean('in_catalog').notNullable().defaultTo(true);
    t.boolean('evaluated').notNullable().defaultTo(false);
    t.integer('score');
    t.string('grade', 1);
    t.string('level', 16).notNullable().defaultTo('none');
    t.integer('open_findings').notNullable().defaultTo(0);
    t.integer('overdue_findings').notNullable().defaultTo(0);
    t.text('severity_counts').notNullable().defaultTo('{}');
    t.text('statuses').notNullable().defaultTo('{}').comment('JSON guardrail id -> status');
    t.text('scorecard').comment('JSON: the computed scorecard with evidence');
    t.bigInteger('posture_updated_at');
    t.bigInteger('synced_at').notNullable();
    t.index(['repository'], 'guardrails_entities_repository_idx');
    t.index(['owner'], 'guardrails_entities_owner_idx');
    t.index(['score'], 'guardrails_entities_score_idx');
  });

  await knex.schema.createTable('guardrails_entity_accounts', (t) => {
    t.comment('amazonaws.com/account-id claims, one row per entity and account');
    t.string('account_id', 12).notNullable();
    t.string('entity_ref').notNullable();
    t.primary(['account_id', 'entity_ref']);
  });

  await knex.schema.createTable('guardrails_reports', (t) => {
    t.comment('Every report received: posture reports, pull-request results and unclaimed reports');
    t.string('id', 64).primary().comment('sha256 of the normalised report: the same report twice is one row');
    t.string('source_key').notNullable().comment('github:<owner>/<repo> or aws:<account>');
    t.string('kind', 8).notNullable().comment('repo, pr or aws');
    t.string('scope', 8).notNullable();
    t.boolean('posture').notNullable();
    t.string('repository');
    t.string('account_id', 12);
    t.string('ref');
    t.string('commit');
    t.string('base');
    t.bigInteger('scanned_at').notNullable();
    t.bigInteger('received_at').notNullable();
    t.string('submitted_by').notNullable();
    t.integer('finding_count').notNullable();
    t.integer('error_count').notNullable();
    t.boolean('partial').notNullable().defaultTo(false);
    t.text('guardrails').notNullable().comment('JSON GuardrailResult[]');
    t.text('entity_refs').notNullable().defaultTo('[]').comment('JSON: entities it was applied to');
    t.boolean('claimed').notNullable();
    t.text('body').comment('The validated, redacted report, kept while no entity claims it');
    t.index(['repository', 'kind', 'received_at'], 'guardrails_reports_repository_idx');
    t.index(['claimed', 'received_at'], 'guardrails_reports_claimed_idx');
  });

  await knex.schema.createTable('guardrails_entity_sources', (t) => {
    t.comment('The latest posture evidence of each source (repository default branch, AWS account) per entity');
    t.string('entity_ref').notNullable();
    t.string('source_key').notNullable();
    t.string('kind', 8).notNullable();
    t.string('report_id', 64).notNullable();
    t.bigInteger('scanned_at').notNullable();
    t.bigInteger('received_at').notNullable();
    t.string('repository');
    t.string('commit');
    t.string('ref');
    t.boolean('partial').notNullable();
    t.integer('error_count').notNullable();
    t.text('guardrails').notNullable();
    t.primary(['entity_ref', 'source_key']);
  });

  await knex.schema.createTable('guardrails_findings', (t) => {
    t.comment('One row per (entity, fingerprint): the finding and its lifecycle');
    t.string('id', 36).primary();
    t.string('entity_ref').notNullable();
    t.string('fingerprint').notNullable();
    t.string('source_key').notNullable();
    t.string('kind', 8).notNullable();
    t.string('rule_id').notNullable();
    t.string('guardrail').notNullable();
    t.string('severity', 8).notNullable();
    t.string('confidence', 8).notNullable();
    t.text('title').notNullable();
    t.text('message').notNullable();
    t.text('location');
    t.text('resource');
    t.string('repository');
    t.string('commit');
    t.text('evidence').notNullable();
    t.text('remediation').notNullable();
    t.text('references').notNullable();
    t.text('properties');
    t.string('status', 10).notNullable();
    t.boolean('inline_suppressed').notNullable().defaultTo(false);
    t.text('triage_reason');
    t.string('triage_by');
    t.bigInteger('triage_at');
    t.bigInteger('triage_expires_at');
    t.bigInteger('first_seen_at').notNullable();
    t.bigInteger('last_seen_at').notNullable();
    t.bigInteger('fixed_at');
    t.bigInteger('due_at');
    t.string('last_report_id', 64).notNullable();
    t.bigInteger('overdue_notified_at');
    t.unique(['entity_ref', 'fingerprint'], { indexName: 'guardrails_findings_entity_fingerprint_uq' });
    t.index(['entity_ref', 'status'], 'guardrails_findings_entity_status_idx');
    t.index(['entity_ref', 'source_key', 'status'], 'guardrails_findings_source_idx');
    t.index(['status', 'due_at'], 'guardrails_findings_due_idx');
  });

  await knex.schema.createTable('guardrails_finding_events', (t) => {
    t.comment('Every status change of a finding: by a report, by triage, by expiry');
    t.bigIncrements('id').primary();
    t.string('finding_id', 36).notNullable();
    t.bigInteger('at').notNullable();
    t.string('from_status', 10);
    t.string('to_status', 10).notNullable();
    t.string('actor').notNullable();
    t.text('reason');
    t.string('report_id', 64);
    t.index(['finding_id', 'at'], 'guardrails_finding_events_finding_idx');
  });

  await knex.schema.createTable('guardrails_snapshots', (t) => {
    t.comment('One posture snapshot per entity and UTC day, for trends and burn-down');
    t.string('entity_ref').notNullable();
    t.string('day', 10).notNullable();
    t.integer('score');
    t.string('grade', 1);
    t.string('level', 16).notNullable();
    t.integer('open_findings').notNullable();
    t.integer('overdue_findings').notNullable();
    t.text('statuses').notNullable();
    t.primary(['entity_ref', 'day']);
    t.index(['day'], 'guardrails_snapshots_day_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('guardrails_snapshots');
  await knex.schema.dropTable('guardrails_finding_events');
  await knex.schema.dropTable('guardrails_findings');
  await knex.schema.dropTable('guardrails_entity_sources');
  await knex.schema.dropTable('guardrails_reports');
  await knex.schema.dropTable('guardrails_entity_accounts');
  await knex.schema.dropTable('guardrails_entities');
};
