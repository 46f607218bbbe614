/** Resolved against this origin, which no real request has, to tell paths of this site from everything else. */
const PROBE_ORIGIN = 'http://axongate.invalid';

/**
 * The path to go to after sign-in: a path of this site, or `/`. The value is read the way a browser reads a URL
 * (tabs and newlines dropped, `\` as `/`), so `/\t/evil.test` or `/\evil.test`, which a browser takes for another
 * host, are refused; what is kept is percent-encoded ASCII, safe in a Location header.
 */
export function toLocalPath(value: string | string[] | undefined): string {
  const candidate = Array.isArray(value) ? value[0] : value;
  if (!candidate?.startsWith('/')) return '/';
  let url: URL;
  try {
    url = new URL(candidate, PROBE_ORIGIN);
  } catch {
    return '/';
  }
  return url.origin === PROBE_ORIGIN ? `${url.pathname}${url.search}${url.hash}` : '/';
}
