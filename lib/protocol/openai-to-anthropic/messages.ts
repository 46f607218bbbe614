// OpenAI messages → Anthropic `system` + alternating `messages`.
import type {
  AnthropicContentBlock,
  AnthropicMessageParam,
  AnthropicTextBlock,
  AnthropicToolResultBlock,
  AnthropicToolUseBlock,
} from '../anthropic/types';
import { ConversionError } from '../errors';
import { hashShort, sanitizeToolCallId } from '../ids';
import { parseToolArguments } from '../json';
import type { OpenAIAssistantMessage, OpenAIMessage, OpenAIToolMessage } from '../openai/types';
import { convertTextContent, convertUserContent } from './content';

type Turn = { role: 'user' | 'assistant'; content: AnthropicContentBlock[] };

export type ConvertedMessages = { system: AnthropicTextBlock[]; messages: AnthropicMessageParam[] };

/**
 * Converts the conversation. System and developer messages are hoisted, in order, into `system`;
 * consecutive same-role messages are merged; in every user turn the tool results come first.
 * Problems worth logging are appended to `warnings`.
 */
export function convertMessages(
  messages: OpenAIMessage[],
  { warnings }: { warnings: string[] },
): ConvertedMessages {
  const system: AnthropicTextBlock[] = [];
  const turns: Turn[] = [];
  const legacyCallIds = new Map<string, string[]>();
  const append = (role: Turn['role'], content: AnthropicContentBlock[]) => {
    if (content.length === 0) return;
    const last = turns.at(-1);
    if (last?.role === role) last.content.push(...content);
    else turns.push({ role, content: [...content] });
  };

  messages.forEach((message, index) => {
    const path = `messages[${index}]`;
    switch (message.role) {
      case 'system':
      case 'developer':
        if (turns.length > 0) warnings.push(`${path}: ${message.role} message hoisted into the top-level system prompt`);
        system.push(...convertTextContent(message.content, `${path}.content`));
        return;
      case 'user':
        return append('user', convertUserContent(message.content, `${path}.content`));
      case 'assistant':
        return append('assistant', convertAssistantMessage(message, index, legacyCallIds, warnings));
      case 'tool':
        return append('user', [convertToolMessage(message, path)]);
      case 'function': {
        const id = legacyCallIds.get(message.name)?.shift() ?? synthesizeLegacyCallId(message.name, index);
        return append('user', [{ type: 'tool_result', tool_use_id: id, content: message.content ?? '' }]);
      }
      default:
        throw new ConversionError(`${path}.role: unsupported role "${(message as { role: string }).role}"`, `${path}.role`);
    }
  });

  return { system, messages: turns.map(putToolResultsFirst) };
}

function convertAssistantMessage(
  message: OpenAIAssistantMessage,
  index: number,
  legacyCallIds: Map<string, string[]>,
  warnings: string[],
): AnthropicContentBlock[] {
  const path = `messages[${index}]`;
  const blocks: AnthropicContentBlock[] = [...readSignedThinkingBlocks(message)];
  blocks.push(...convertAssistantText(message.content, `${path}.content`));
  const calls = message.tool_calls ?? [];
  calls.forEach((call, callIndex) => {
    blocks.push(convertToolCall(sanitizeToolCallId(call.id), call.function, `${path}.tool_calls[${callIndex}]`, warnings));
  });
  if (message.function_call) {
    const id = synthesizeLegacyCallId(message.function_call.name, index);
    legacyCallIds.set(message.function_call.name, [...(legacyCallIds.get(message.function_call.name) ?? []), id]);
    blocks.push(convertToolCall(id, message.function_call, `${path}.function_call`, warnings));
  }
  return blocks;
}

/** Only signed thinking (and redacted thinking) may go back to Anthropic; unsigned text from elsewhere may not. */
function readSignedThinkingBlocks(message: OpenAIAssistantMessage): AnthropicContentBlock[] {
  return (message.thinking_blocks ?? []).flatMap((block): AnthropicContentBlock[] => {
    if (block.type === 'redacted_thinking') return [{ type: 'redacted_thinking', data: block.data }];
    return block.signature ? [{ type: 'thinking', thinking: block.thinking, signature: block.signature }] : [];
  });
}

function convertAssistantText(content: OpenAIAssistantMessage['content'], path: string): AnthropicTextBlock[] {
  if (content === null || content === undefined) return [];
  if (typeof content === 'string') return convertTextContent(content, path);
  return convertTextContent(
    content.map((part) => (part.type === 'refusal' ? { type: 'text' as const, text: part.refusal } : part)),
    path,
  );
}

function convertToolCall(
  id: string,
  call: { name: string; arguments: string },
  path: string,
  warnings: string[],
): AnthropicToolUseBlock {
  // The block is never dropped: that would orphan the tool_result that answers it.
  const { input, problem } = parseToolArguments(call.arguments, (text, parsed) =>
    parsed === undefined ? { arguments: text } : { value: parsed },
  );
  if (problem) warnings.push(`${path}: ${problem}`);
  return { type: 'tool_use', id, name: call.name, input };
}

function convertToolMessage(message: OpenAIToolMessage, path: string): AnthropicToolResultBlock {
  const content =
    typeof message.content === 'string' ? message.content : convertTextContent(message.content, `${path}.content`);
  return { type: 'tool_result', tool_use_id: sanitizeToolCallId(message.tool_call_id), content };
}

function synthesizeLegacyCallId(name: string, salt: number): string {
  return `call_${hashShort(`${name}:${salt}`, 16)}`;
}

/** Anthropic requires a user turn's tool_result blocks before any other content. */
function putToolResultsFirst(turn: Turn): AnthropicMessageParam {
  if (turn.role !== 'user') return turn;
  const results = turn.content.filter((block) => block.type === 'tool_result');
  const rest = turn.content.filter((block) => block.type !== 'tool_result');
  return { role: 'user', content: [...results, ...rest] };
}
