import type { Resource } from '../model/resources';
import type { BlockReader } from './block-reader';
import type { BlockLookup } from './terraform-adapters';
import type { TerraformBlock } from './terraform-module';

type Adapter = (b: TerraformBlock, r: BlockReader, lookup: BlockLookup) => Resource | undefined;

const base = (b: TerraformBlock, r: BlockReader) => ({
  address: b.address,
  type: b.type,
  origin: 'terraform' as const,
  site: { location: r.location },
  name: b.address.replace(/^.*?((?:data\.)?[a-z0-9_]+\.[^.]+)$/, '$1'),
});

const azureFederatedCredential: Adapter = (b, r) => ({
  ...base(b, r),
  kind: 'azure-federated-credential',
  issuer: r.string('issuer'),
  subject: r.string('subject'),
});

/** Workload identity federation: GCP workload identity pool providers and Entra federated credentials. */
export const TERRAFORM_IAM_ADAPTERS: Readonly<Record<string, Adapter>> = {
  google_iam_workload_identity_pool_provider: (b, r) => ({
    ...base(b, r),
    kind: 'gcp-wif-provider',
    issuerUri: r.string('oidc.issuer_uri'),
    attributeCondition: r.string('attribute_condition'),
  }),
  azuread_application_federated_identity_credential: azureFederatedCredential,
  azurerm_federated_identity_credential: azureFederatedCredential,
};
