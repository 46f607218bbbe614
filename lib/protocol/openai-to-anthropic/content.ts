// OpenAI content parts → Anthropic content blocks.
import type {
  AnthropicDocumentBlock,
  AnthropicImageBlock,
  AnthropicImageMediaType,
  AnthropicTextBlock,
} from '../anthropic/types';
import { parseDataUrl, type DataUrl } from '../data-url';
import { ConversionError } from '../errors';
import type { OpenAIMessage, OpenAITextPart, OpenAIUserContentPart } from '../openai/types';

const IMAGE_MEDIA_TYPES: readonly string[] = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'];

function isImageMediaType(mediaType: string): mediaType is AnthropicImageMediaType {
  return IMAGE_MEDIA_TYPES.includes(mediaType);
}

/** Text content as non-empty text blocks; Anthropic rejects empty ones. cache_control is kept. */
export function convertTextContent(content: string | OpenAITextPart[], path: string): AnthropicTextBlock[] {
  if (typeof content === 'string') return content === '' ? [] : [{ type: 'text', text: content }];
  return content.flatMap((part, index) => {
    if (part.type !== 'text') throw new ConversionError(`${path}[${index}]: only text parts are allowed here`, path);
    if (part.text === '') return [];
    return [part.cache_control ? { type: 'text', text: part.text, cache_control: part.cache_control } : { type: 'text', text: part.text }];
  });
}

type UserBlock = AnthropicTextBlock | AnthropicImageBlock | AnthropicDocumentBlock;

/** Remote media the gateway fetched itself (for hosts without URL sources), keyed by the URL. */
export type InlineMedia = ReadonlyMap<string, DataUrl>;

const REMOTE_URL = /^https?:\/\//i;

/** The http(s) image URLs of a conversation, for a gateway that must fetch and inline them. */
export function listRemoteImageUrls(messages: OpenAIMessage[]): string[] {
  return messages.flatMap((message) =>
    message.role === 'user' && Array.isArray(message.content)
      ? message.content.flatMap((part) => (part.type === 'image_url' && REMOTE_URL.test(part.image_url.url) ? [part.image_url.url] : []))
      : [],
  );
}

/** A user message's content as Anthropic blocks. Audio and unknown parts are rejected with 400. */
export function convertUserContent(
  content: string | OpenAIUserContentPart[],
  path: string,
  inlineMedia: InlineMedia = new Map(),
): UserBlock[] {
  if (typeof content === 'string') return convertTextContent(content, path);
  return content.flatMap((part, index): UserBlock[] => {
    const partPath = `${path}[${index}]`;
    switch (part.type) {
      case 'text':
        return convertTextContent([part], path);
      case 'image_url':
        return [convertUrlToBlock(part.image_url.url, partPath, inlineMedia)];
      case 'file':
        if (!part.file.file_data) throw new ConversionError(`${partPath}: file parts need file_data (file_id is not supported)`, partPath);
        return [convertUrlToBlock(part.file.file_data, partPath, inlineMedia, part.file.filename)];
      case 'input_audio':
        throw new ConversionError(`${partPath}: input_audio is not supported by this model`, partPath);
      default:
        throw new ConversionError(`${partPath}: unsupported content part type "${(part as { type: string }).type}"`, partPath);
    }
  });
}

/** An image_url or file_data URL → image or document block. Remote URLs stay URLs unless the gateway inlined them. */
function convertUrlToBlock(
  url: string,
  path: string,
  inlineMedia: InlineMedia,
  filename?: string,
): AnthropicImageBlock | AnthropicDocumentBlock {
  const isRemote = REMOTE_URL.test(url);
  const inlined = isRemote ? inlineMedia.get(url) : undefined;
  if (isRemote && !inlined) return { type: 'image', source: { type: 'url', url } };
  const dataUrl = inlined ?? parseDataUrl(url);
  if (!dataUrl) throw new ConversionError(`${path}: expected an http(s) or data: URL`, path);
  const { mediaType, base64 } = dataUrl;
  if (isImageMediaType(mediaType)) return { type: 'image', source: { type: 'base64', media_type: mediaType, data: base64 } };
  const title = filename ? { title: filename } : {};
  if (mediaType === 'application/pdf') {
    return { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: base64 }, ...title };
  }
  if (mediaType === 'text/plain') {
    const text = Buffer.from(base64, 'base64').toString('utf8');
    return { type: 'document', source: { type: 'text', media_type: 'text/plain', data: text }, ...title };
  }
  throw new ConversionError(
    `${path}: media type ${mediaType} is not supported (use image/jpeg, image/png, image/gif, image/webp, application/pdf or text/plain)`,
    path,
  );
}
