// The browser-safe part of the core: types, the guardrail catalog, the report contract and scoring.
// No node built-ins here: the portal frontend imports this entry point.
export * from './model/severity';
export * from './model/guardrail-id';
export * from './model/paved-road-level';
export * from './model/guardrail-catalog';
export * from './model/finding';
export * from './model/report';
export * from './scoring/scorecard';
export * from './model/portal-api';
export * from './model/permissions';
export * from './model/schema-issues';
