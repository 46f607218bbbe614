// Anthropic tools and tool_choice → OpenAI tools, tool_choice and parallel_tool_calls.
import type { AnthropicCustomTool, AnthropicTool, AnthropicToolChoice } from '../anthropic/types';
import type { ModelCapabilities } from '../capabilities';
import { shortenToolName } from '../ids';
import type { OpenAIFunctionTool, OpenAIToolChoice } from '../openai/types';

/**
 * What happens to a tool description over the provider's limit (OpenAI's platform takes 1,024 characters; Claude
 * Code's Bash tool has over 10,000): `move-to-system` keeps the whole text for the model, the description cut at the
 * limit and the rest in a system-prompt section for that tool; `truncate` only cuts it.
 */
export type ToolDescriptionOverflow = 'move-to-system' | 'truncate';

const CONTINUED = ' (continued in the system prompt)';

export function isCustomTool(tool: AnthropicTool): tool is AnthropicCustomTool {
  return 'input_schema' in tool && (tool.type === undefined || tool.type === 'custom');
}

export type ConvertedTools = {
  tools: OpenAIFunctionTool[];
  /** Shortened names → the client's names. */
  toolNames: Record<string, string>;
  /** System-prompt text holding the parts of descriptions that went over the limit ('' when none did). */
  systemAddendum: string;
};

/**
 * Custom tools become functions. Only input_schema becomes `parameters`: Anthropic keys such as `type` and
 * `cache_control` must not leak into it. Names over the provider's limit are shortened; `toolNames` maps them back.
 */
export function convertTools(
  tools: AnthropicCustomTool[],
  target: ModelCapabilities,
  overflow: ToolDescriptionOverflow,
  warnings: string[],
): ConvertedTools {
  const toolNames: Record<string, string> = {};
  const continuations: string[] = [];
  const limit = target.toolDescriptionMaxChars;
  const converted = tools.map((tool): OpenAIFunctionTool => {
    const name = shortenToolName(tool.name, target.toolNameMaxChars);
    if (name !== tool.name) toolNames[name] = tool.name;
    let description = tool.description;
    if (description && limit !== null && description.length > limit) {
      const keep = overflow === 'move-to-system' ? Math.max(limit - CONTINUED.length, 0) : limit;
      if (overflow === 'move-to-system') continuations.push(`## Tool \`${name}\`, its description continued\n\n${description.slice(keep)}`);
      warnings.push(`tool ${name}: description of ${description.length} characters ${overflow === 'move-to-system' ? 'continued in the system prompt' : 'cut'} at the limit of ${limit}`);
      description = overflow === 'move-to-system' ? `${description.slice(0, keep)}${CONTINUED}` : description.slice(0, keep);
    }
    return { type: 'function', function: { name, ...(description && { description }), parameters: tool.input_schema } };
  });
  return { tools: converted, toolNames, systemAddendum: continuations.join('\n\n') };
}

export function convertToolChoice(choice: AnthropicToolChoice | undefined, toolNameMaxChars: number): {
  toolChoice?: OpenAIToolChoice;
  parallelToolCalls?: false;
} {
  if (!choice) return {};
  const parallel = choice.disable_parallel_tool_use ? { parallelToolCalls: false as const } : {};
  switch (choice.type) {
    case 'auto':
      return { toolChoice: 'auto', ...parallel };
    case 'any':
      return { toolChoice: 'required', ...parallel };
    case 'none':
      return { toolChoice: 'none' };
    case 'tool':
      return { toolChoice: { type: 'function', function: { name: shortenToolName(choice.name, toolNameMaxChars) } }, ...parallel };
  }
}
