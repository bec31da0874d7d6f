import { defineResourceRule } from './resource-rule';

export const azureStoragePublic = defineResourceRule({
  id: 'azure-storage-public',
  guardrail: 'storage-not-public',
  title: 'Azure storage does not allow anonymous access',
  description:
    'Storage accounts disallow public blobs (`allow_nested_items_to_be_public = false`; the azurerm default is true) and containers stay private.',
  severity: 'high',
  confidence: 'high',
  kinds: ['azure-storage-account', 'azure-storage-container'],
  messages: {
    account: '{{name}}: {{how}}, so any container can be made anonymously readable. Set `allow_nested_items_to_be_public = false`.',
    container: '{{name}} has `container_access_type = "{{access}}"`: anyone on the internet can read its blobs. Use `private`.',
  },
  remediation: {
    text: 'Set `allow_nested_items_to_be_public = false` on the account and `container_access_type = "private"` on containers.',
    pavedRoad: 'Disallow anonymous access with Azure Policy across subscriptions; share data with SAS tokens or Entra ID.',
  },
  anchors: { Checkov: ['CKV_AZURE_190', 'CKV_AZURE_34'], Trivy: ['AVD-AZU-0007'], KICS: ['dd5230f8-a577-4ad8-9a07-4ce3db9ca5b1'] },
  references: ['https://learn.microsoft.com/en-us/azure/storage/blobs/anonymous-read-access-prevent'],
  examples: {
    terraform: {
      bad: [
        { files: 'resource "azurerm_storage_account" "sa" {\n  name = "payrecs"\n}\n', expect: [{ line: 1, messageId: 'account' }] },
        {
          files: 'resource "azurerm_storage_container" "c" {\n  name = "public"\n  container_access_type = "blob"\n}\n',
          expect: [{ line: 3, messageId: 'container' }],
        },
      ],
      good: [
        { files: 'resource "azurerm_storage_account" "sa" {\n  allow_nested_items_to_be_public = false\n}\n', expect: [], why: 'anonymous access disallowed' },
        { files: 'resource "azurerm_storage_container" "c" {\n  name = "private"\n}\n', expect: [], why: 'the container default is private' },
      ],
    },
  },
  check(r, ctx) {
    if (r.kind === 'azure-storage-account') {
      const a = r.allowNestedItemsToBePublic;
      if (a.state === 'unknown') return ctx.undecided(`allow_nested_items_to_be_public of ${r.name}: ${a.reason}`, a.at);
      if (a.state === 'absent' || a.value !== true) return;
      const how = a.state === 'default' ? `\`allow_nested_items_to_be_public\` is not set; ${a.default}` : '`allow_nested_items_to_be_public = true`';
      ctx.report({ messageId: 'account', at: a.at, data: { name: r.name, how }, severity: a.state === 'default' ? 'medium' : 'high' });
      return;
    }
    const access = r.accessType;
    if (access.state === 'unknown') return ctx.undecided(`container_access_type of ${r.name}: ${access.reason}`, access.at);
    if ((access.state === 'set' || access.state === 'default') && (access.value === 'blob' || access.value === 'container')) {
      ctx.report({ messageId: 'container', at: access.at, data: { name: r.name, access: access.value } });
    }
  },
});
