import { CodeSnippet, EmptyState } from '@backstage/core-components';
import { Box, Typography } from '@material-ui/core';
import { AWS_ACCOUNT_ID_ANNOTATION, GITHUB_PROJECT_SLUG_ANNOTATION } from '../../isGuardrailsAvailable';

/** Why there is no scorecard to show. */
export type ConnectReason =
  /** The entity has neither annotation, so no report or live scan can reach it. */
  | 'missing-annotation'
  /** The portal has not synced the entity from the catalog yet (the API answered 404). */
  | 'unknown-entity'
  /** The portal knows the entity but never received a full-scope report or live scan for it. */
  | 'not-evaluated';

function annotationsSnippet(slug: string, accountId: string): string {
  return [
    'metadata:',
    '  annotations:',
    `    ${GITHUB_PROJECT_SLUG_ANNOTATION}: ${slug}       # scanned by the GitHub Action`,
    `    ${AWS_ACCOUNT_ID_ANNOTATION}: '${accountId}'   # scanned live by the portal`,
  ].join('\n');
}

/** A workflow that scans pull requests and sends each default-branch scan to the portal. */
export function workflowSnippet(portalUrl: string): string {
  return [
    'on:',
    '  pull_request:',
    '  push:',
    '    branches: [main]     # default-branch scans set the service\u2019s posture',
    'permissions:',
    '  contents: read',
    '  checks: write',
    '  id-token: write        # portal-auth: oidc',
    'jobs:',
    '  guardrails:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: actions/checkout@v4',
    '      - uses: pavedroad/guardrails@<full commit SHA of a release>',
    '        with:',
    `          portal-url: ${portalUrl}`,
    '          portal-auth: oidc',
  ].join('\n');
}

function title(reason: ConnectReason): string {
  switch (reason) {
    case 'missing-annotation':
      return 'Connect this service to the paved road';
    case 'unknown-entity':
      return 'The guardrails portal does not know this service yet';
    case 'not-evaluated':
      return 'No guardrail scan received yet';
  }
}

function description(reason: ConnectReason): string {
  switch (reason) {
    case 'missing-annotation':
      return `Add the ${GITHUB_PROJECT_SLUG_ANNOTATION} annotation (repository scans) or the ${AWS_ACCOUNT_ID_ANNOTATION} annotation (live AWS scans) to catalog-info.yaml, then run the Guardrails GitHub Action on the default branch.`;
    case 'unknown-entity':
      return 'The portal picks up catalog entities on its next sync. Check the annotations below, and that the Guardrails GitHub Action runs on the default branch with portal-url set.';
    case 'not-evaluated':
      return 'The scorecard appears after the first full scan: a default-branch run of the Guardrails GitHub Action with portal-url set, or a live scan of the AWS account.';
  }
}

/**
 * How to connect a service: the annotations and the GitHub Action step, in the spirit of Backstage's
 * MissingAnnotationEmptyState, with what to copy rather than a bare annotation name.
 */
export function ConnectServiceEmptyState(props: {
  reason: ConnectReason;
  portalUrl: string;
  slug?: string | undefined;
  accountId?: string | undefined;
}) {
  return (
    <EmptyState
      missing={props.reason === 'missing-annotation' ? 'field' : 'data'}
      title={title(props.reason)}
      description={description(props.reason)}
      action={
        <Box maxWidth={720}>
          <Typography variant="subtitle2" component="h3" gutterBottom>
            1. Annotate the entity (catalog-info.yaml)
          </Typography>
          <CodeSnippet
            language="yaml"
            showCopyCodeButton
            text={annotationsSnippet(props.slug ?? 'my-org/my-service', props.accountId ?? '123456789012')}
          />
          <Box mt={2}>
            <Typography variant="subtitle2" component="h3" gutterBottom>
              2. Run the Guardrails Action (.github/workflows/guardrails.yml)
            </Typography>
            <CodeSnippet language="yaml" showCopyCodeButton text={workflowSnippet(props.portalUrl)} />
          </Box>
        </Box>
      }
    />
  );
}
