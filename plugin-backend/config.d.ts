export interface Config {
  /** Paved Road Guardrails backend plugin. */
  guardrails?: {
    ingest?: {
      /**
       * Largest accepted report body, e.g. `10mb` (default `20mb`). Larger bodies get 413.
       */
      maxBodySize?: string;
      /**
       * Repositories each non-GitHub-OIDC caller may push reports for. A caller authenticated with
       * `backend.auth.externalAccess` (static token subject, or `plugin:<id>`) that is listed nowhere is refused.
       * GitHub OIDC callers (subject `external:<prefix>:repo:<owner>/<repo>:...`) are bound to the repository in
       * their subject and need no entry.
       */
      bindings?: Array<{
        /** The caller's subject, e.g. `guardrails-ci` for a static token with `subject: guardrails-ci`. */
        subject: string;
        /** `owner/repo` slugs; `owner/*` allows every repository of the owner, `*` every repository. */
        repositories: string[];
      }>;
    };
    /** Days from first seen to due, per severity (defaults: critical 7, high 30, medium 90, low 180). */
    sla?: {
      critical?: number;
      high?: number;
      medium?: number;
      low?: number;
      info?: number;
    };
    /** How often the catalog is read for annotated entities (default every 10 minutes). */
    catalogSync?: {
      /** @visibility frontend */
      frequencyMinutes?: number;
    };
    /** Daily snapshots, due-date reminders and triage expiry. */
    snapshots?: {
      /** Cron expression in UTC (default `15 0 * * *`). */
      cron?: string;
      /** Days of snapshots kept (default 400). */
      retentionDays?: number;
    };
    notifications?: {
      /** Send owners notifications through the Backstage notifications service (default true when installed). */
      enabled?: boolean;
    };
    /** Base URL of the source host for file links (default `https://github.com`). */
    sourceBaseUrl?: string;
    /** Base URL of the portal, used to answer report pushes with the entity's page (defaults to `app.baseUrl`). */
    portalBaseUrl?: string;
    aws?: {
      /** Scan schedule for every account (default every 6 hours). */
      schedule?: {
        /** Cron expression in UTC; wins over `frequencyMinutes`. */
        cron?: string;
        frequencyMinutes?: number;
        /** Per-account time limit in minutes (default 15). */
        timeoutMinutes?: number;
      };
      /** Resource tag keys that map a live resource to a catalog entity (default `backstage.io/component`). */
      entityTagKeys?: string[];
      /** Accounts to scan with a read-only role. */
      accounts?: Array<{
        accountId: string;
        /** Role to assume in the account; without it the backend's own credentials are used. */
        roleArn?: string;
        /** @visibility secret */
        externalId?: string;
        /** Regions to scan (default: every region enabled for the account). */
        regions?: string[];
      }>;
    };
  };
}
