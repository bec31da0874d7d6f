/** The HTTP status of a `ResponseError` from the client, or undefined for any other error. */
export function responseStatus(error: unknown): number | undefined {
  // Checked by shape, not instanceof: an app can hold more than one copy of @backstage/errors.
  if (typeof error === 'object' && error !== null && 'statusCode' in error) {
    return typeof error.statusCode === 'number' ? error.statusCode : undefined;
  }
  return undefined;
}
