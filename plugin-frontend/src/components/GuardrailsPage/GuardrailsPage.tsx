import { Content, Header, Page } from '@backstage/core-components';
import { GuardrailsRoutes } from './GuardrailsRoutes';

/** The routable page for apps on the legacy frontend system, with its own header. */
export function GuardrailsPage() {
  return (
    <Page themeId="tool">
      <Header
        title="Paved-road guardrails"
        subtitle="Cloud-security guardrails of every service: levels, grades, findings and team remediation"
      />
      <Content>
        <GuardrailsRoutes />
      </Content>
    </Page>
  );
}
