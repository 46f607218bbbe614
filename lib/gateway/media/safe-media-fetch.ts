import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { Agent, buildConnector, type Dispatcher } from 'undici';
import type { InlineMedia, RemoteMediaKind } from '../../protocol/media-refs';
import { classifyAddress } from './blocked-address';

// Fetches a URL that a client put in its request. The gateway runs inside someone's network, so the URL must
// not reach into it: http(s) only; every connection, redirects included, goes to the address resolved and
// checked here (the connector dials that IP, so a second DNS answer cannot swap in another); at most 3
// redirects; a size cap; accepted media types only; nothing of the client's (headers, cookies) goes along.


const ACCEPTED_MEDIA_TYPES: Record<RemoteMediaKind, readonly string[]> = {
  image: ['image/jpeg', 'image/png', 'image/gif', 'image/webp'],
  pdf: ['application/pdf'],
};


/** The bytes all the fetches of one request may read together. */
export type ByteBudget = { limit: number; used: number };

export type RemoteMediaOptions = {
  kind: RemoteMediaKind;
  maxBytes: number;
  budget: ByteBudget;
  /** Ends every wait (DNS, connect, headers, body) when it aborts: the deadline, or the caller giving up. */
  signal: AbortSignal;
};

/** Fetches one client-named media URL under the guards below. */
export type MediaFetcher = (url: string, options: RemoteMediaOptions) => Promise<InlineMedia>;

export type MediaFetcherOptions = {
  /** Loopback addresses pass (a test's image server on 127.0.0.1); every other blocked range stays blocked. */
  allowLoopback?: boolean;
};

export function createMediaFetcher({ allowLoopback = false }: MediaFetcherOptions = {}): MediaFetcher {
  return (url, options) => fetchRemoteMedia(url, options, allowLoopback);
}

/** `reason` is the short cause (blocked address, too large, not an image…), `detail` names the host involved. */
export class RemoteMediaError extends Error {
  constructor(
    readonly reason: string,
    readonly detail: string,
  ) {
    super(`${reason} (${detail})`);
    this.name = 'RemoteMediaError';
  }
}

class BlockedAddressError extends Error {
  constructor(hostname: string, address: string, range: string) {
    super(`${isIP(hostname) ? hostname : `${hostname} resolves to ${address}, which`} is not global unicast: ${range}`);
    this.name = 'BlockedAddressError';
  }
}

const MAX_REDIRECTS = 3;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const USER_AGENT = 'AxonGate-media-fetch/1.0';

async function fetchRemoteMedia(url: string, options: RemoteMediaOptions, allowLoopback: boolean): Promise<InlineMedia> {
  let target = toHttpUrl(url);
  const agent = createGuardedAgent(allowLoopback);
  try {
    for (let redirects = 0; ; redirects++) {
      const response = await agent.request({
        origin: target.origin,
        path: `${target.pathname}${target.search}`,
        method: 'GET',
        headers: { 'user-agent': USER_AGENT, accept: ACCEPTED_MEDIA_TYPES[options.kind].join(', ') },
        signal: options.signal,
      });
      const location = response.headers.location;
      if (!REDIRECT_STATUSES.has(response.statusCode) || typeof location !== 'string') return await readMedia(response, target, options);
      discard(response.body);
      if (redirects === MAX_REDIRECTS) throw new RemoteMediaError('too many redirects', `${target.host} redirected more than ${MAX_REDIRECTS} times`);
      target = toHttpUrl(location, target);
    }
  } catch (error) {
    throw explain(error, target, options.signal);
  } finally {
    await agent.destroy();
  }
}

/** A redirect's Location is read relative to the URL that sent it. */
function toHttpUrl(text: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(text, base);
  } catch {
    throw new RemoteMediaError('invalid URL', 'the URL cannot be parsed');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new RemoteMediaError('not http(s)', `${url.protocol} URLs are not fetched`);
  return url;
}

/** An agent for one fetch whose every connection goes to a checked address: a later fetch re-checks from scratch. */
function createGuardedAgent(allowLoopback: boolean): Agent {
  const connect = buildConnector({});
  return new Agent({
    connect: (options, callback) => {
      resolveAllowedAddress(options.hostname, allowLoopback).then(
        // The TLS server name and the Host header still come from the URL's host name.
        (address) => connect({ ...options, hostname: address }, callback),
        (error: Error) => callback(error, null),
      );
    },
  });
}

/** Every address the name resolves to must be global unicast (one bad answer refuses the host); the first is dialled. */
async function resolveAllowedAddress(hostname: string, allowLoopback: boolean): Promise<string> {
  const literal = hostname.replace(/^\[(.*)\]$/, '$1');
  const addresses = isIP(literal) ? [literal] : (await lookup(hostname, { all: true })).map((entry) => entry.address);
  for (const address of addresses) {
    const range = classifyAddress(address);
    if (range && !(allowLoopback && range === 'loopback')) throw new BlockedAddressError(literal, address, range);
  }
  return addresses[0];
}

async function readMedia(response: Dispatcher.ResponseData, target: URL, options: RemoteMediaOptions): Promise<InlineMedia> {
  const { statusCode, headers, body } = response;
  if (statusCode < 200 || statusCode > 299) {
    discard(body);
    const reason = statusCode === 404 || statusCode === 410 ? 'not found' : `HTTP ${statusCode}`;
    throw new RemoteMediaError(reason, `${target.host} answered HTTP ${statusCode}`);
  }
  const accepted = ACCEPTED_MEDIA_TYPES[options.kind];
  const mediaType = String(headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (!accepted.includes(mediaType)) {
    discard(body);
    throw new RemoteMediaError(options.kind === 'image' ? 'not an image' : 'not a PDF', `${target.host} sent ${mediaType || 'no content type'}; accepted: ${accepted.join(', ')}`);
  }
  const tooLarge = () => new RemoteMediaError('too large', `${target.host} sent more than ${options.maxBytes} bytes`);
  if (Number(headers['content-length']) > options.maxBytes) {
    discard(body);
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const bytes = chunk as Buffer;
    size += bytes.byteLength;
    if (size > options.maxBytes) throw tooLarge();
    options.budget.used += bytes.byteLength;
    if (options.budget.used > options.budget.limit) {
      throw new RemoteMediaError('too large', `the media fetched for this request exceed ${options.budget.limit} bytes together`);
    }
    chunks.push(bytes);
  }
  return { mediaType, data: Buffer.concat(chunks, size) };
}

/** Drops an unread body. Destroyed early it reports an abort that nobody waits for, hence the listener. */
function discard(body: Dispatcher.ResponseData['body']): void {
  body.on('error', () => undefined);
  body.destroy();
}

function explain(error: unknown, target: URL, signal: AbortSignal): RemoteMediaError {
  if (error instanceof RemoteMediaError) return error;
  if (error instanceof BlockedAddressError) return new RemoteMediaError('blocked address', error.message);
  if (signal.aborted) return new RemoteMediaError('timeout', `${target.host} did not send the whole answer in time`);
  const code = (error as { code?: string }).code;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new RemoteMediaError('not found', `${target.hostname} does not resolve`);
  return new RemoteMediaError('unreachable', `${target.host} could not be reached${code ? ` (${code})` : ''}`);
}
