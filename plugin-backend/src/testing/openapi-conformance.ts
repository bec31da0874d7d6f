import { resolvePackagePath } from '@backstage/backend-plugin-api';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

interface OpenApiDoc {
  paths: Record<string, Record<string, { responses: Record<string, { $ref?: string; content?: Record<string, unknown> }> }>>;
  components: { responses: Record<string, { content?: Record<string, unknown> }> };
}

const doc = parse(readFileSync(resolvePackagePath('@pavedroad/plugin-guardrails-backend', 'openapi.yaml'), 'utf8')) as OpenApiDoc;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ ...doc, $id: 'openapi' });

const pointer = (parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

/** The OpenAPI path template a concrete request path matches, e.g. `/findings/{id}`. */
function templateOf(path: string): string {
  const clean = path.split('?')[0] ?? path;
  for (const template of Object.keys(doc.paths)) {
    const re = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
    if (re.test(clean)) return template;
  }
  throw new Error(`openapi.yaml has no path for ${clean}`);
}

/**
 * Problems of a response against openapi.yaml (empty when it conforms): the status must be documented for the
 * route, and the JSON body must match its schema.
 */
export function openApiProblems(method: string, path: string, status: number, body: unknown): string[] {
  const template = templateOf(path);
  const operation = doc.paths[template]?.[method.toLowerCase()];
  if (!operation) return [`${method} ${template} is not documented`];
  const response = operation.responses[String(status)];
  if (!response) return [`${method} ${template} does not document status ${status}`];
  const location = response.$ref
    ? ['components', 'responses', response.$ref.split('/').pop() ?? '']
    : ['paths', template, method.toLowerCase(), 'responses', String(status)];
  const validate = ajv.compile({ $ref: `openapi#/${pointer([...location, 'content', 'application/json', 'schema'])}` });
  if (validate(body)) return [];
  return (validate.errors ?? []).map((e) => `${method} ${template} ${status}: ${e.instancePath || '(body)'} ${e.message ?? ''}`);
}
