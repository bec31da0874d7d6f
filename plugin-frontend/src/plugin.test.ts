import * as legacy from './index';

describe('guardrails plugin for the legacy frontend system', () => {
  it('has the id the backend is discovered by, and routes for the page and team views', () => {
    expect(legacy.guardrailsPlugin.getId()).toBe('guardrails');
    expect(Object.keys(legacy.guardrailsPlugin.routes)).toEqual(['root', 'team']);
    expect([...legacy.guardrailsPlugin.getApis()].map((f) => f.api.id)).toEqual(['plugin.guardrails.service']);
  });

  it('exports the page, the entity card and tabs, the availability check, the API ref and the client', () => {
    for (const name of [
      'GuardrailsPage',
      'EntityGuardrailsCard',
      'EntityGuardrailsContent',
      'EntityTeamRemediationContent',
      'isGuardrailsAvailable',
      'guardrailsApiRef',
      'GuardrailsClient',
    ] as const) {
      expect(legacy[name]).toBeDefined();
    }
  });
});
