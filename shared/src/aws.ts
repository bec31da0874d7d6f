// Live AWS posture: node-only (AWS SDK), kept out of the browser-safe entry points.
export * from './aws/aws-scan-types';
export { scanAwsAccount, DEFAULT_CONCURRENCY, DEFAULT_TIME_LIMIT_MS } from './aws/scan-aws-account';
export { LIVE_GUARDRAILS, liveRules } from './aws/engine/live-checks';
export { LIVE_RULES } from './aws/live-rule-registry';
