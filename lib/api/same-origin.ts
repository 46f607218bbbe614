import { AppError, forbidden } from '../errors';

// A browser sends the session cookie with any request to this host, whoever's page made it. Writes authenticated by
// that cookie therefore must come from the admin UI's own origin and be JSON (which a cross-site form cannot send
// without a CORS preflight this API never grants). A bearer token is not sent by browsers on their own, so calls
// that carry one are not at risk and are not checked.

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function needsSameOriginCheck(req: Request): boolean {
  return !SAFE_METHODS.has(req.method) && !req.headers.get('authorization');
}

/** Refuses a cookie-authenticated write from another origin (403) or with a body that is not JSON (415). */
export function assertSameOriginWrite(req: Request, publicOrigin: string | null): void {
  const fetchSite = req.headers.get('sec-fetch-site');
  if (fetchSite !== null && fetchSite !== 'same-origin') {
    throw forbidden(`Cross-site request refused (Sec-Fetch-Site: ${fetchSite})`);
  }
  const origin = req.headers.get('origin');
  if (origin !== null && !isOwnOrigin(origin, req, publicOrigin)) {
    throw forbidden('Cross-site request refused: the Origin is not this server');
  }
  if (hasBody(req) && !isJson(req.headers.get('content-type'))) {
    throw new AppError(415, 'Content-Type must be application/json');
  }
}

/** The configured public URL's origin, or the host the request was sent to (a browser cannot forge its Host). */
function isOwnOrigin(origin: string, req: Request, publicOrigin: string | null): boolean {
  if (origin === publicOrigin) return true;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false;
  }
  return host !== '' && host === req.headers.get('host');
}

function hasBody(req: Request): boolean {
  const length = req.headers.get('content-length');
  return (length !== null && length !== '0') || req.headers.has('transfer-encoding');
}

function isJson(contentType: string | null): boolean {
  return contentType?.split(';')[0].trim().toLowerCase() === 'application/json';
}
