import { createBackend } from '@backstage/backend-defaults';

// A whole Backstage backend around the plugin: the catalog (for the entities the guardrails map to), the auth
// backend with the guest provider (so the portal's frontend gets real user tokens), and the guardrails plugin.
const backend = createBackend();
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(import('../src'));
void backend.start();
