// Who may scrape GET /api/metrics from the production server (axongate-server.mjs): instances bound on every
// interface, reached over loopback and over this machine's other interface addresses, without and with
// AXONGATE_METRICS_TOKEN. The server judges the connection's peer address, never a forwarding header.
import { request as httpRequest } from 'node:http';
import { networkInterfaces } from 'node:os';
import { expect, test } from './support/fixtures';
import { startSecondServer, type SecondServer } from './support/second-server';

const METRICS_TOKEN = 'e2e-metrics-token-0123456789';
const FORGED = { 'x-forwarded-for': '127.0.0.1', 'x-real-ip': '127.0.0.1', forwarded: 'for=127.0.0.1' };

/** This machine's IPv4 addresses that are not loopback: connecting to one makes it the peer address too. */
const OUTSIDE_ADDRESSES = Object.values(networkInterfaces())
  .flat()
  .filter((entry) => entry && !entry.internal && entry.family === 'IPv4')
  .map((entry) => entry!.address);

let open: SecondServer | undefined;
let tokenProtected: SecondServer | undefined;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  [open, tokenProtected] = await Promise.all([
    startSecondServer({ HOSTNAME: '0.0.0.0' }),
    startSecondServer({ HOSTNAME: '0.0.0.0', AXONGATE_METRICS_TOKEN: METRICS_TOKEN }),
  ]);
});

test.afterAll(() => {
  open?.kill();
  tokenProtected?.kill();
});

test('without a token: a loopback scrape gets the metrics, a scrape from another address 403 whatever its headers say', async () => {
  expect(OUTSIDE_ADDRESSES.length, 'this machine needs an address other than loopback to attack from').toBeGreaterThan(0);
  const local = await scrape('127.0.0.1', open!.port);
  expect(local.status).toBe(200);
  expect(local.text).toContain('# TYPE axongate_in_flight_requests gauge');

  for (const host of OUTSIDE_ADDRESSES) {
    for (const headers of [{}, FORGED, { authorization: `Bearer ${METRICS_TOKEN}` }] as Record<string, string>[]) {
      const outside = await scrape(host, open!.port, headers);
      expect(outside.status, `from ${host} with ${JSON.stringify(headers)}`).toBe(403);
      expect(outside.text).not.toContain('axongate_');
    }
  }
});

test('with AXONGATE_METRICS_TOKEN: the token is required from loopback too, and opens the metrics from any address', async () => {
  for (const headers of [{}, FORGED, { authorization: 'Bearer not-the-metrics-token-000' }] as Record<string, string>[]) {
    const refused = await scrape('127.0.0.1', tokenProtected!.port, headers);
    expect(refused.status, JSON.stringify(headers)).toBe(401);
    expect(refused.text).not.toContain('axongate_');
  }
  for (const host of ['127.0.0.1', ...OUTSIDE_ADDRESSES]) {
    const served = await scrape(host, tokenProtected!.port, { authorization: `Bearer ${METRICS_TOKEN}` });
    expect(served.status, host).toBe(200);
    expect(served.text).toContain('axongate_in_flight_requests');
  }
});

/** A GET on a connection of its own to `host`, so the server's peer address is this machine's address there. */
function scrape(host: string, port: number, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    httpRequest({ host, port, path: '/api/metrics', headers, agent: false }, (response) => {
      let text = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
    })
      .on('error', reject)
      .end();
  });
}
