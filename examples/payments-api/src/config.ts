/**
 * Configuration loader for payments-api.
 *
 * In EKS every value comes from the environment, which the External Secrets
 * operator fills from AWS Secrets Manager. AWS credentials come from the pod's
 * role, never from here. For local runs against LocalStack any dummy pair works,
 * e.g. AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE (the AWS documentation sample key).
 */

export type AppEnv = "local" | "staging" | "production";

export interface DbConfig {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  ssl: boolean;
}

export interface AppConfig {
  env: AppEnv;
  port: number;
  region: string;
  receiptsBucket: string;
  db: DbConfig;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`missing required environment variable ${name}`);
  }
  return value;
}

function localDb(): DbConfig {
  // Matches docker-compose.yml; this password never leaves a laptop.
  const password = "changeme";
  return { host: "localhost", port: 5432, user: "payments", password, database: "payments", ssl: false };
}

export function loadConfig(): AppConfig {
  const env = (process.env.APP_ENV ?? "local") as AppEnv;
  const db: DbConfig =
    env === "local"
      ? localDb()
      : {
          host: required("DATABASE_HOST"),
          port: Number(process.env.DATABASE_PORT ?? 5432),
          user: required("DATABASE_USER"),
          password: required("DATABASE_PASSWORD"),
          database: process.env.DATABASE_NAME ?? "payments",
          ssl: true,
        };

  return {
    env,
    port: Number(process.env.PORT ?? 8080),
    region: process.env.AWS_REGION ?? "us-east-1",
    receiptsBucket: process.env.RECEIPTS_BUCKET ?? `payments-api-receipts-${env}`,
    db,
  };
}
