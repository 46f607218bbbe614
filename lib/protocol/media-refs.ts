import { formatDataUrl } from './data-url';
import { isRecord } from './json';

// Where client messages carry media by http(s) URL, and how fetched bytes take their place: OpenAI Chat
// `image_url` parts get data: URLs; Anthropic `image` and `document` blocks with a url source get a base64
// source, inside tool_result content too. Arrays and objects without such a URL come back as they were, so
// identity tells whether anything changed, and the client's body itself is never modified.

export type MessageShape = 'openai' | 'anthropic';

export type RemoteMediaKind = 'image' | 'pdf';

/** Media bytes and their type, as they replace a URL. */
export type InlineMedia = { mediaType: string; data: Buffer };

/** One URL as the client wrote it, with the JSON path of (the first of) its occurrences. */
export type MediaRef = { url: string; kind: RemoteMediaKind; path: string };

/** The bytes to put in place of a URL, or undefined to leave it. */
export type MediaLookup = (ref: MediaRef) => InlineMedia | undefined;

const REMOTE_URL = /^https?:\/\//i;

/** The remote media of a conversation, once per URL and kind, in order of appearance. */
export function listRemoteMedia(shape: MessageShape, messages: unknown[]): MediaRef[] {
  const refs = new Map<string, MediaRef>();
  mapRemoteMedia(shape, messages, (ref) => {
    if (!refs.has(mediaKey(ref))) refs.set(mediaKey(ref), ref);
    return undefined;
  });
  return [...refs.values()];
}

export function mediaKey(ref: MediaRef): string {
  return `${ref.kind} ${ref.url}`;
}

/** The messages with every remote media reference the lookup knows replaced by its bytes. */
export function mapRemoteMedia(shape: MessageShape, messages: unknown[], lookup: MediaLookup): unknown[] {
  return mapChanged(messages, (message, index) => {
    if (!isRecord(message) || !Array.isArray(message.content)) return message;
    const path = `messages[${index}].content`;
    const content = shape === 'openai' ? mapOpenAIParts(message.content, path, lookup) : mapAnthropicBlocks(message.content, path, lookup);
    return content === message.content ? message : { ...message, content };
  });
}

function mapOpenAIParts(parts: unknown[], path: string, lookup: MediaLookup): unknown[] {
  return mapChanged(parts, (part, index) => {
    if (!isRecord(part) || part.type !== 'image_url' || !isRecord(part.image_url)) return part;
    const url = part.image_url.url;
    if (typeof url !== 'string' || !REMOTE_URL.test(url)) return part;
    const media = lookup({ url, kind: 'image', path: `${path}[${index}].image_url.url` });
    if (!media) return part;
    return { ...part, image_url: { ...part.image_url, url: formatDataUrl(media.mediaType, media.data.toString('base64')) } };
  });
}

function mapAnthropicBlocks(blocks: unknown[], path: string, lookup: MediaLookup): unknown[] {
  return mapChanged(blocks, (block, index) => {
    if (!isRecord(block)) return block;
    const blockPath = `${path}[${index}]`;
    if (block.type === 'tool_result' && Array.isArray(block.content)) {
      const content = mapAnthropicBlocks(block.content, `${blockPath}.content`, lookup);
      return content === block.content ? block : { ...block, content };
    }
    const kind = block.type === 'image' ? 'image' : block.type === 'document' ? 'pdf' : undefined;
    const source = block.source;
    if (!kind || !isRecord(source) || source.type !== 'url' || typeof source.url !== 'string' || !REMOTE_URL.test(source.url)) return block;
    const media = lookup({ url: source.url, kind, path: `${blockPath}.source.url` });
    if (!media) return block;
    return { ...block, source: { type: 'base64', media_type: media.mediaType, data: media.data.toString('base64') } };
  });
}

/** Array.map that returns the array itself when no element changed. */
function mapChanged<T>(items: T[], map: (item: T, index: number) => T): T[] {
  let changed = false;
  const mapped = items.map((item, index) => {
    const next = map(item, index);
    if (next !== item) changed = true;
    return next;
  });
  return changed ? mapped : items;
}
