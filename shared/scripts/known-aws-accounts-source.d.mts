export declare const UPSTREAM_COMMIT: string;
export declare const GENERATED_PATH: string;
export interface KnownAccountsEntry {
  name: string;
  accounts: string[];
  aws: boolean;
  enabled: boolean;
}
export declare function readKnownAccounts(yamlText: string): KnownAccountsEntry[];
export declare function renderKnownAwsAccounts(yamlText: string): string;
