// Anthropic tools and tool_choice → OpenAI tools, tool_choice and parallel_tool_calls.
import type { AnthropicCustomTool, AnthropicTool, AnthropicToolChoice } from '../anthropic/types';
import { shortenToolName } from '../ids';
import type { OpenAIFunctionTool, OpenAIToolChoice } from '../openai/types';

export function isCustomTool(tool: AnthropicTool): tool is AnthropicCustomTool {
  return 'input_schema' in tool && (tool.type === undefined || tool.type === 'custom');
}

/**
 * Custom tools become functions. Only input_schema becomes `parameters`: Anthropic keys such as `type` and
 * `cache_control` must not leak into it. Names over 64 characters are shortened; `toolNames` maps them back.
 */
export function convertTools(tools: AnthropicCustomTool[]): { tools: OpenAIFunctionTool[]; toolNames: Record<string, string> } {
  const toolNames: Record<string, string> = {};
  const converted = tools.map((tool): OpenAIFunctionTool => {
    const name = shortenToolName(tool.name);
    if (name !== tool.name) toolNames[name] = tool.name;
    return {
      type: 'function',
      function: { name, ...(tool.description && { description: tool.description }), parameters: tool.input_schema },
    };
  });
  return { tools: converted, toolNames };
}

export function convertToolChoice(choice: AnthropicToolChoice | undefined): {
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
      return { toolChoice: { type: 'function', function: { name: shortenToolName(choice.name) } }, ...parallel };
  }
}
