type HeaderBag = Headers | Record<string, string | string[] | undefined>;

function readHeader(headers: HeaderBag, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The caller's address as the reverse proxy reports it (Caddy sets X-Forwarded-For). It only feeds the
 * per-address login limit; the per-username limit does not depend on it.
 */
export function clientIpFrom(headers: HeaderBag): string | null {
  const forwarded = readHeader(headers, 'x-forwarded-for')?.split(',')[0]?.trim();
  return forwarded || readHeader(headers, 'x-real-ip')?.trim() || null;
}
