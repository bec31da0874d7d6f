import { ALPHABETS, fakeSecret } from '../../fake-secret';
import type { SecretMatch } from '../../secret-rule';
import { defineSecretRule } from '../../secret-rule';

// Storage account keys are 64 random bytes: 88 base64 characters ending in `==`.
const IN_CONNECTION_STRING = /AccountKey\s{0,2}=\s{0,2}(?<secret>[A-Za-z0-9+/]{86}==)(?![A-Za-z0-9+/=])/gi;
// A key name, then within 25 characters (an operator, a CLI flag's space, quotes) the key (TruffleHog's rule).
const NAMED =
  /(?:access|account|storage|primary|secondary|shared)[_.-]?key[^\n]{0,25}?(?<![A-Za-z0-9+/])(?<secret>[A-Za-z0-9+/]{86}==)(?![A-Za-z0-9+/=])/gi;
const ACCOUNT_NAME = /AccountName\s{0,2}=\s{0,2}(?<name>[a-z0-9]{3,24})|(?<host>[a-z0-9]{3,24})\.(?:blob|file|queue|table|dfs)\.core\.windows\.net/i;

function* findStorageKeys(window: string, offset: number): Iterable<SecretMatch> {
  const seen = new Set<number>();
  const account = ACCOUNT_NAME.exec(window);
  const accountName = account?.groups?.name ?? account?.groups?.host;
  for (const re of [IN_CONNECTION_STRING, NAMED]) {
    re.lastIndex = 0;
    for (let m = re.exec(window); m; m = re.exec(window)) {
      const secret = m.groups?.secret ?? '';
      const start = offset + m.index + m[0].length - secret.length;
      if (seen.has(start)) continue;
      seen.add(start);
      yield { secret, start, end: start + secret.length, groups: { account: accountName } };
    }
  }
}

const key = (seed: string) => fakeSecret(seed, ALPHABETS.base64, 86) + '==';

export const azureStorageAccountKey = defineSecretRule({
  id: 'azure-storage-account-key',
  title: 'Azure storage account key',
  provider: 'Azure',
  description: 'An Azure storage account key, alone or in a connection string (`AccountKey=…`).',
  severity: 'critical',
  confidence: 'high',
  keywords: ['accountkey', 'account_key', 'account-key', 'storagekey', 'storage_key', 'storage-key', 'accesskey', 'access_key', 'access-key', 'primarykey', 'primary_key', 'secondarykey', 'secondary_key', 'sharedkey', 'shared_key'],
  find: findStorageKeys,
  contextLines: 2,
  minEntropy: 4,
  // Azurite, the local storage emulator, uses this well-known key for `devstoreaccount1` (Microsoft docs).
  allow: [/^Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq\/K1SZFPTOtr\/KBHBeksoGMGw==$/],
  visiblePrefix: 0,
  priority: 1,
  inspect(match) {
    const account = match.groups.account;
    return {
      data: { account: account ? ` for account ${account}` : '' },
      ...(account ? { properties: { storageAccount: account } } : {}),
    };
  },
  message:
    'An Azure storage account key{{account}} is committed ({{evidence}}). It grants full access to every container, queue and table of the account: rotate the key and switch to Entra ID authentication.',
  remediation: {
    text: 'Rotate the key (Storage account > Access keys), then disable shared key access if nothing needs it.',
    pavedRoad: 'Use managed identities with Azure RBAC and set `shared_access_key_enabled = false`.',
  },
  anchors: { trufflehog: ['AzureStorage'], 'detect-secrets': ['AzureStorageKeyDetector'], 'GitHub secret scanning': ['azure_storage_account_key'] },
  references: ['https://learn.microsoft.com/en-us/azure/storage/common/storage-account-keys-manage'],
  examples: {
    leaks: [
      `AZURE_STORAGE_CONNECTION_STRING="DefaultEndpointsProtocol=https;AccountName=payrecs;AccountKey=${key('a1')};EndpointSuffix=core.windows.net"`,
      `storage_account_key = "${key('a2')}"`,
      `"primaryKey": "${key('a3')}"`,
      `az storage blob upload --account-name payrecs --account-key '${key('a4')}'`,
    ],
    notLeaks: [
      {
        text: 'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;',
        why: 'the Azurite emulator key, published by Microsoft',
      },
      { text: 'AccountKey=<storage-key>;', why: 'a template' },
      { text: 'storage_account_key = azurerm_storage_account.main.primary_access_key', why: 'a reference, not a value' },
    ],
  },
});
