import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// A small web server on loopback that serves the media a client's request points at, and the ways such a
// server can misbehave: too large, the wrong type, redirects into the private network, no answer at all.

/** A PNG signature and a few bytes after it: the gateway must forward exactly these. */
export const PNG_BYTES = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
export const JPEG_BYTES = Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex');
export const PDF_BYTES = Buffer.from('%PDF-1.4\n%%EOF\n', 'latin1');

/** Larger than the cap the tests set (4 KiB). */
const OVERSIZED = Buffer.alloc(16 * 1024, 0x42);

type Served = { path: string; headers: IncomingHttpHeaders };

export type ImageServer = {
  url: string;
  /** `127.0.0.1:PORT`, as the gateway's messages name it. */
  host: string;
  readonly requests: readonly Served[];
  reset(): void;
  close(): Promise<void>;
};

const ROUTES: Record<string, (res: ServerResponse) => void> = {
  '/cat.png': (res) => res.writeHead(200, { 'content-type': 'image/png' }).end(PNG_BYTES),
  '/photo.jpg': (res) => res.writeHead(200, { 'content-type': 'image/jpeg; charset=binary' }).end(JPEG_BYTES),
  '/spec.pdf': (res) => res.writeHead(200, { 'content-type': 'application/pdf' }).end(PDF_BYTES),
  '/moved.png': (res) => res.writeHead(302, { location: '/cat.png' }).end(),
  '/big-declared.png': (res) => res.writeHead(200, { 'content-type': 'image/png', 'content-length': OVERSIZED.length }).end(OVERSIZED),
  // No content-length: only counting the bytes as they arrive can stop it.
  '/big-chunked.png': (res) => {
    res.writeHead(200, { 'content-type': 'image/png' });
    for (let offset = 0; offset < OVERSIZED.length; offset += 1024) res.write(OVERSIZED.subarray(offset, offset + 1024));
    res.end();
  },
  '/page.html': (res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>not an image</html>'),
  '/to-metadata': (res) => res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end(),
  '/to-private': (res) => res.writeHead(307, { location: 'http://10.0.0.1/cat.png' }).end(),
  '/loop': (res) => res.writeHead(302, { location: '/loop' }).end(),
  '/slow.png': () => undefined,
};

/** `/redirect?to=<encoded URL>` answers 302 to that URL: an attacker's server pointing the gateway anywhere. */
const REDIRECT_PREFIX = '/redirect?to=';

export function redirectPath(target: string): string {
  return `${REDIRECT_PREFIX}${encodeURIComponent(target)}`;
}

export async function startImageServer(): Promise<ImageServer> {
  const requests: Served[] = [];
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push({ path, headers: req.headers });
    const route = ROUTES[path];
    if (route) route(res);
    else if (path.startsWith(REDIRECT_PREFIX)) res.writeHead(302, { location: decodeURIComponent(path.slice(REDIRECT_PREFIX.length)) }).end();
    else res.writeHead(404, { 'content-type': 'text/plain' }).end('no such file');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    requests,
    reset: () => void (requests.length = 0),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
