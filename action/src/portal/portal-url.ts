/** The portal's base URL without trailing slashes, or undefined when `value` is not an http(s) URL. */
export function portalBaseUrl(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return undefined;
  }
  // Credentials in the URL would be sent on every request and shown in every message that names the portal.
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password || url.search || url.hash) return undefined;
  return url.href.replace(/\/+$/, '');
}
