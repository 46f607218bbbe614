// Anthropic `system` + messages → OpenAI messages.
import type {
  AnthropicContentBlock,
  AnthropicDocumentBlock,
  AnthropicImageBlock,
  AnthropicMessageParam,
  AnthropicMessagesRequest,
  AnthropicToolResultBlock,
} from '../anthropic/types';
import { formatDataUrl } from '../data-url';
import { ConversionError } from '../errors';
import type { ModelCapabilities } from '../capabilities';
import { shortenToolName } from '../ids';
import type {
  OpenAIAssistantMessage,
  OpenAIMessage,
  OpenAIToolCall,
  OpenAIToolMessage,
  OpenAIUserContentPart,
} from '../openai/types';

const RESULT_MEDIA_PLACEHOLDER = '[attachment sent in the next user message]';
/** OpenAI has no error flag on tool messages, so a failed tool result says so in its text. */
const TOOL_ERROR_MARKER = '[tool error] ';

/**
 * One leading system message, with `addendum` (tool descriptions continued) after it. Blocks are joined with `\n`
 * because many compatible backends accept only strings.
 */
export function convertSystem(system: AnthropicMessagesRequest['system'], addendum = ''): OpenAIMessage[] {
  const own = typeof system === 'string' ? system : (system ?? []).map((block) => block.text).join('\n');
  const text = [own, addendum].filter((part) => part !== '').join('\n\n');
  return text === '' ? [] : [{ role: 'system', content: text }];
}

export function convertMessages(messages: AnthropicMessageParam[], target: ModelCapabilities): OpenAIMessage[] {
  return messages.flatMap((message, index) =>
    message.role === 'user'
      ? convertUserTurn(message.content, `messages[${index}]`, target)
      : [convertAssistantTurn(message.content, target)],
  );
}

/**
 * Tool results become tool messages placed FIRST (OpenAI wants them right after the assistant's tool_calls),
 * one per tool_use_id. Media inside results is not allowed in tool messages, so it moves to one user message
 * after the last tool message; then comes the rest of the turn.
 */
function convertUserTurn(content: AnthropicMessageParam['content'], path: string, target: ModelCapabilities): OpenAIMessage[] {
  if (typeof content === 'string') return [{ role: 'user', content }];
  const toolMessages = new Map<string, OpenAIToolMessage>();
  const resultMedia: OpenAIUserContentPart[] = [];
  const rest: AnthropicContentBlock[] = [];
  for (const block of content) {
    if (block.type !== 'tool_result') {
      rest.push(block);
      continue;
    }
    const { text, media } = convertToolResult(block, `${path}.content`, target);
    resultMedia.push(...media);
    const existing = toolMessages.get(block.tool_use_id);
    if (existing) existing.content = `${existing.content}\n${text}`;
    else toolMessages.set(block.tool_use_id, { role: 'tool', tool_call_id: block.tool_use_id, content: text });
  }
  const messages: OpenAIMessage[] = [...toolMessages.values()];
  if (resultMedia.length > 0) messages.push({ role: 'user', content: resultMedia });
  const parts = rest.flatMap((block) => convertUserBlock(block, path, target));
  if (parts.length > 0) messages.push({ role: 'user', content: simplifyParts(parts) });
  return messages;
}

function convertToolResult(block: AnthropicToolResultBlock, path: string, target: ModelCapabilities) {
  const blocks = typeof block.content === 'string' ? [{ type: 'text' as const, text: block.content }] : (block.content ?? []);
  const texts = blocks.flatMap((inner) => (inner.type === 'text' ? [inner.text] : []));
  const media = blocks.filter((inner) => inner.type !== 'text').flatMap((inner) => convertUserBlock(inner, path, target));
  if (media.length > 0) texts.push(RESULT_MEDIA_PLACEHOLDER);
  // OpenAI has no error flag on tool messages, so the error is stated in the text.
  const text = (block.is_error ? TOOL_ERROR_MARKER : '') + texts.join('\n');
  return { text, media };
}

function convertUserBlock(block: AnthropicContentBlock, path: string, target: ModelCapabilities): OpenAIUserContentPart[] {
  switch (block.type) {
    case 'text':
      return [{ type: 'text', text: block.text }];
    case 'image':
      if (!target.imageInput) throw new ConversionError(`${path}: this model does not accept images`, path);
      return [convertImage(block)];
    case 'document':
      if (!target.pdfInput && block.source.type !== 'text') throw new ConversionError(`${path}: this model does not accept PDF documents`, path);
      return [convertDocument(block, path)];
    default:
      // Thinking or server-tool blocks in a user turn carry nothing an OpenAI model can use.
      return [];
  }
}

function convertImage(block: AnthropicImageBlock): OpenAIUserContentPart {
  const url = block.source.type === 'url' ? block.source.url : formatDataUrl(block.source.media_type, block.source.data);
  return { type: 'image_url', image_url: { url } };
}

function convertDocument(block: AnthropicDocumentBlock, path: string): OpenAIUserContentPart {
  const { source } = block;
  if (source.type === 'text') return { type: 'text', text: source.data };
  if (source.type === 'base64') {
    return { type: 'file', file: { filename: block.title ?? 'document.pdf', file_data: formatDataUrl(source.media_type, source.data) } };
  }
  throw new ConversionError(`${path}: URL documents are not supported by this model; send the PDF as base64`, path);
}

/** Text-only content becomes one string, which every compatible backend accepts. */
function simplifyParts(parts: OpenAIUserContentPart[]): string | OpenAIUserContentPart[] {
  const texts = parts.flatMap((part) => (part.type === 'text' ? [part.text] : []));
  return texts.length === parts.length ? texts.join('\n') : parts;
}

function convertAssistantTurn(content: AnthropicMessageParam['content'], target: ModelCapabilities): OpenAIAssistantMessage {
  if (typeof content === 'string') return { role: 'assistant', content };
  // No separator: citations split one sentence across several text blocks.
  const text = content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('');
  const toolCalls: OpenAIToolCall[] = content.flatMap((block) =>
    block.type === 'tool_use'
      ? [{ id: block.id, type: 'function' as const, function: { name: shortenToolName(block.name, target.toolNameMaxChars), arguments: JSON.stringify(block.input ?? {}) } }]
      : [],
  );
  const message: OpenAIAssistantMessage = { role: 'assistant', content: text === '' && toolCalls.length > 0 ? null : text };
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  // Signatures are never sent; the reasoning text goes back only to models that need their earlier reasoning
  // replayed (DeepSeek-style tool loops fail without it).
  const reasoning = content.flatMap((block) => (block.type === 'thinking' ? [block.thinking] : [])).join('');
  if (target.reasoningReplay && reasoning !== '') message.reasoning_content = reasoning;
  return message;
}

