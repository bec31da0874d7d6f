import { configApiRef, useApi } from '@backstage/core-plugin-api';

/** The URL the GitHub Action's `portal-url` takes: the backend's base URL (it posts to `/api/guardrails/reports`). */
export function usePortalUrl(): string {
  const config = useApi(configApiRef);
  return config.getOptionalString('backend.baseUrl') ?? 'https://backstage.example.com';
}
