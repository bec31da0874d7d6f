// What the portal's ingestion route answers (plugin-backend router/create-router.ts): 201 with
// `{ id, status: 'accepted', entities, posture, url? }`, 200 with `status: 'duplicate'` for a report it already
// filed, and Backstage's error body `{ error: { name, message }, response: { statusCode } }` otherwise. The body
// is external input: read field by field, nothing trusted.

/** The portal's receipt for a filed report; a field the portal left out (or sent malformed) is absent. */
export interface PortalReceipt {
  id?: string;
  /** Taken from the HTTP status when the body does not say: 201 accepted, 200 duplicate. */
  status?: 'accepted' | 'duplicate';
  /** Catalog entities the report was applied to. */
  entities?: string[];
  /** Whether the report changed the service's posture. */
  posture?: boolean;
  /** The report in the portal. */
  url?: string;
}

const MAX_DETAIL_CHARS = 200;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The receipt in a 2xx answer. A portal that answers without JSON still took the report. */
export function readReceipt(text: string, httpStatus: number): PortalReceipt {
  const body = parseJson(text);
  const receipt: PortalReceipt = {};
  const fromHttp = httpStatus === 201 ? 'accepted' : httpStatus === 200 ? 'duplicate' : undefined;
  if (!isRecord(body)) return fromHttp ? { status: fromHttp } : receipt;
  if (typeof body.id === 'string' && body.id) receipt.id = body.id;
  if (body.status === 'accepted' || body.status === 'duplicate') receipt.status = body.status;
  else if (fromHttp) receipt.status = fromHttp;
  if (Array.isArray(body.entities)) receipt.entities = body.entities.filter((e): e is string => typeof e === 'string');
  if (typeof body.posture === 'boolean') receipt.posture = body.posture;
  if (typeof body.url === 'string' && body.url) receipt.url = body.url;
  return receipt;
}

/**
 * What an error answer says, on one line: `name: message` from a Backstage error body, else the start of the
 * body as text; empty for an empty body.
 */
export function errorDetail(text: string): string {
  const body = parseJson(text);
  const error = isRecord(body) ? body.error : undefined;
  let detail: string;
  if (isRecord(error) && typeof error.message === 'string') {
    detail = typeof error.name === 'string' && error.name ? `${error.name}: ${error.message}` : error.message;
  } else {
    detail = text;
  }
  const oneLine = detail.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_DETAIL_CHARS ? `${oneLine.slice(0, MAX_DETAIL_CHARS)}…` : oneLine;
}
