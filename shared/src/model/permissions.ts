// The portal's permissions, as plain data in the shape of @backstage/plugin-permission-common's
// `ResourcePermission`, so the backend and the frontend use one definition without the core depending on
// Backstage. The resource is the catalog entity the finding belongs to: adopters can write ownership policies
// with the catalog's own conditions (e.g. `isEntityOwner`).
const CATALOG_ENTITY = 'catalog-entity';

export const guardrailsFindingReadPermission = {
  type: 'resource',
  name: 'guardrails.finding.read',
  attributes: { action: 'read' },
  resourceType: CATALOG_ENTITY,
} as const;

export const guardrailsFindingUpdatePermission = {
  type: 'resource',
  name: 'guardrails.finding.update',
  attributes: { action: 'update' },
  resourceType: CATALOG_ENTITY,
} as const;

export const guardrailsReportCreatePermission = {
  type: 'basic',
  name: 'guardrails.report.create',
  attributes: { action: 'create' },
} as const;

export const guardrailsScanTriggerPermission = {
  type: 'basic',
  name: 'guardrails.scan.trigger',
  attributes: { action: 'update' },
} as const;

export const GUARDRAILS_PERMISSIONS = [
  guardrailsFindingReadPermission,
  guardrailsFindingUpdatePermission,
  guardrailsReportCreatePermission,
  guardrailsScanTriggerPermission,
] as const;
