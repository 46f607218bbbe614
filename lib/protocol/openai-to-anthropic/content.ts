// OpenAI content parts → Anthropic content blocks.
import type {
  AnthropicDocumentBlock,
  AnthropicImageBlock,
  AnthropicImageMediaType,
  AnthropicTextBlock,
} from '../anthropic/types';
import { parseDataUrl } from '../data-url';
import { ConversionError } from '../errors';
import type { OpenAITextPart, OpenAIUserContentPart } from '../openai/types';

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

const REMOTE_URL = /^https?:\/\//i;

/** A user message's content as Anthropic blocks. Audio and unknown parts are rejected with 400. */
export function convertUserContent(content: string | OpenAIUserContentPart[], path: string): UserBlock[] {
  if (typeof content === 'string') return convertTextContent(content, path);
  return content.flatMap((part, index): UserBlock[] => {
    const partPath = `${path}[${index}]`;
    switch (part.type) {
      case 'text':
        return convertTextContent([part], path);
      case 'image_url':
        return [convertUrlToBlock(part.image_url.url, partPath)];
      case 'file':
        if (!part.file.file_data) throw new ConversionError(`${partPath}: file parts need file_data (file_id is not supported)`, partPath);
        return [convertUrlToBlock(part.file.file_data, partPath, part.file.filename)];
      case 'input_audio':
        throw new ConversionError(`${partPath}: input_audio is not supported by this model`, partPath);
      default:
        throw new ConversionError(`${partPath}: unsupported content part type "${(part as { type: string }).type}"`, partPath);
    }
  });
}

/**
 * An image_url or file_data URL → image or document block. Remote URLs stay URL sources; for hosts that cannot
 * read them the gateway has already replaced them with data URLs (lib/gateway/inline-image-urls.ts).
 */
function convertUrlToBlock(url: string, path: string, filename?: string): AnthropicImageBlock | AnthropicDocumentBlock {
  if (REMOTE_URL.test(url)) return { type: 'image', source: { type: 'url', url } };
  const dataUrl = parseDataUrl(url);
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
