import type { FieldMap, Job, Step, WorkflowDocument } from './workflow-document';

/** A step with the job it belongs to (none in a composite action). */
export interface StepInJob {
  step: Step;
  job: Job | undefined;
}

/** Every step: each job's steps in order, then a composite action's `runs.steps`. */
export function allSteps(doc: WorkflowDocument): StepInJob[] {
  return [...doc.jobs.flatMap((job) => job.steps.map((step) => ({ step, job }))), ...doc.steps.map((step) => ({ step, job: undefined }))];
}

/** An `env:` map and where it applies. */
export interface EnvBlock {
  env: FieldMap;
  /** For messages: `the workflow`, `job \`deploy\``, `step \`Configure\` of job \`deploy\``. */
  scope: string;
  /** For fingerprints: `env`, `jobs.deploy.env`, `jobs.deploy.steps[aws].env`. */
  path: string;
}

/** Every `env:` map: the workflow's, each job's and each step's. */
export function envBlocks(doc: WorkflowDocument): EnvBlock[] {
  const blocks: EnvBlock[] = [];
  if (doc.env) blocks.push({ env: doc.env, scope: 'the workflow', path: 'env' });
  for (const job of doc.jobs) {
    if (job.env) blocks.push({ env: job.env, scope: `job \`${job.id}\``, path: `${job.path}.env` });
  }
  for (const { step, job } of allSteps(doc)) {
    if (step.env) blocks.push({ env: step.env, scope: `${stepLabel(step)}${job ? ` of job \`${job.id}\`` : ''}`, path: `${step.path}.env` });
  }
  return blocks;
}

/** How a message names a step: by its name, id or action, else by its position. */
export function stepLabel(step: Step): string {
  const label = step.name?.value || step.id?.value || step.uses?.value;
  return label ? `step \`${label}\`` : `step ${step.index + 1}`;
}
