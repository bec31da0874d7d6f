export declare const IAM_ACTION_SERVICES: readonly string[];
export declare const GENERATED_PATH: string;
export interface IamActionCatalogData {
  version: string;
  updatedAt: string;
  services: string[];
  actions: string[];
}
export declare function loadIamActions(services?: readonly string[]): Promise<IamActionCatalogData>;
export declare function renderIamActions(catalog: IamActionCatalogData): string;
