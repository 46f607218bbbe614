import { GatewayError } from '../request/gateway-error';
import { findTopLevelValues, spliceTopLevel } from '../../http/json-text';
import type { ParsedBody } from '../request/json-body';
import type { GatewayRoute } from '../routing/route-types';
import { listRemoteMedia, mapRemoteMedia, mediaKey, type InlineMedia, type MediaRef, type MessageShape } from '../../protocol/media-refs';
import { RemoteMediaError, type MediaFetcher } from './safe-media-fetch';
import type { EndpointKind } from '../request/endpoint';

// Providers flagged inline_image_urls cannot read URL media sources (Bedrock, Vertex, many compatible hosts):
// before an attempt goes to one, the gateway fetches the body's http(s) images (and Anthropic PDF documents)
// itself and puts the bytes in their place. Once per request, however many routes need it. A URL that cannot
// be fetched is the caller's mistake: 400 in its own shape, no failover. A pass-through body keeps every other
// byte as the client sent it: only "messages" is spliced.

export type ImageUrlInliner = {
  /** The body to plan this route's attempt from: the client's own, or the one with its media inlined. */
  bodyFor(route: GatewayRoute): Promise<ParsedBody>;
};

const SHAPES: Partial<Record<EndpointKind, MessageShape>> = { chat: 'openai', messages: 'anthropic', count_tokens: 'anthropic' };

/** Anthropic takes at most 100 images per request; more URLs than that is no request worth fetching for. */
const MAX_MEDIA_URLS = 100;

/** How the gateway fetches: the guarded fetcher and its limits. */
export type MediaInlining = {
  fetch: MediaFetcher;
  maxBytesPerItem: number;
  /** All of one request's fetches together. */
  maxBytesPerRequest: number;
  timeoutMs: number;
};

export function createImageUrlInliner(kind: EndpointKind, body: ParsedBody, clientSignal: AbortSignal, inlining: MediaInlining): ImageUrlInliner {
  let inlined: Promise<ParsedBody> | undefined;
  return {
    bodyFor(route) {
      const shape = SHAPES[kind];
      if (!route.provider.inlineImageUrls || !shape || !Array.isArray(body.json.messages)) return Promise.resolve(body);
      inlined ??= inlineRemoteMedia(shape, body, body.json.messages, clientSignal, inlining);
      return inlined;
    },
  };
}

async function inlineRemoteMedia(
  shape: MessageShape,
  body: ParsedBody,
  messages: unknown[],
  clientSignal: AbortSignal,
  inlining: MediaInlining,
): Promise<ParsedBody> {
  const refs = listRemoteMedia(shape, messages);
  if (refs.length === 0) return body;
  if (refs.length > MAX_MEDIA_URLS) {
    throw new GatewayError(400, `The request names ${refs.length} media URLs; at most ${MAX_MEDIA_URLS} can be fetched for this model`, 'image_fetch_failed');
  }
  const fetched = await fetchAll(refs, clientSignal, inlining);
  const rewritten = mapRemoteMedia(shape, messages, (ref) => fetched.get(mediaKey(ref)));
  const text = spliceTopLevel(body.text, { messages: JSON.stringify(rewritten) }, body.members);
  return { json: { ...body.json, messages: rewritten }, text, members: findTopLevelValues(text) };
}

/** All at once under one deadline and one byte budget (the largest body the gateway accepts); the first failure stops the rest. */
async function fetchAll(refs: MediaRef[], clientSignal: AbortSignal, inlining: MediaInlining): Promise<Map<string, InlineMedia>> {
  const firstFailure = new AbortController();
  const signal = AbortSignal.any([clientSignal, firstFailure.signal, AbortSignal.timeout(inlining.timeoutMs)]);
  const budget = { limit: inlining.maxBytesPerRequest, used: 0 };
  const fetchOne = async (ref: MediaRef) => {
    try {
      const media = await inlining.fetch(ref.url, { kind: ref.kind, maxBytes: inlining.maxBytesPerItem, budget, signal });
      return [mediaKey(ref), media] as const;
    } catch (error) {
      firstFailure.abort();
      throw toGatewayError(error, ref, clientSignal);
    }
  };
  return new Map(await Promise.all(refs.map(fetchOne)));
}

function toGatewayError(error: unknown, ref: MediaRef, clientSignal: AbortSignal): unknown {
  if (clientSignal.aborted) return new GatewayError(499, 'The client closed the request', 'client_disconnected');
  if (!(error instanceof RemoteMediaError)) return error;
  const what = ref.kind === 'image' ? 'the image' : 'the document';
  return new GatewayError(400, `Could not fetch ${what} at ${hostOf(ref.url)}: ${error.message}`, 'image_fetch_failed', {}, ref.path);
}

/** Only the host goes into the message: the path and query of a signed URL may be credentials. */
function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'an invalid URL';
  }
}
