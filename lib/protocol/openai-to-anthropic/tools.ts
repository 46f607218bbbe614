// OpenAI tools, tool_choice and response_format → Anthropic tools and tool_choice.
import type { AnthropicCustomTool, AnthropicOutputFormat, AnthropicToolChoice } from '../anthropic/types';
import type { ModelCapabilities } from '../capabilities';
import type { JsonSchema } from '../json';
import type { OpenAIChatRequest, OpenAIFunctionTool } from '../openai/types';

const EMPTY_OBJECT_SCHEMA: JsonSchema = { type: 'object', properties: {} };

export function convertTools(tools: OpenAIFunctionTool[] | undefined): AnthropicCustomTool[] {
  return (tools ?? []).map(({ function: fn }) => {
    const tool: AnthropicCustomTool = { name: fn.name, input_schema: cleanSchema(fn.parameters) };
    if (fn.description) tool.description = fn.description;
    return tool;
  });
}

/** Missing parameters become an empty object schema; `required: null` is never written (Anthropic rejects it). */
function cleanSchema(parameters: JsonSchema | undefined): JsonSchema {
  if (!parameters) return EMPTY_OBJECT_SCHEMA;
  if (parameters.required !== null) return parameters;
  return Object.fromEntries(Object.entries(parameters).filter(([key]) => key !== 'required'));
}

/** tool_choice and parallel_tool_calls:false (which lives on Anthropic's tool_choice object). */
export function convertToolChoice(
  choice: OpenAIChatRequest['tool_choice'],
  parallelToolCalls: boolean | undefined,
): AnthropicToolChoice | undefined {
  const converted = mapToolChoice(choice);
  if (parallelToolCalls !== false || converted?.type === 'none') return converted;
  return { ...(converted ?? { type: 'auto' }), disable_parallel_tool_use: true };
}

function mapToolChoice(choice: OpenAIChatRequest['tool_choice']): AnthropicToolChoice | undefined {
  if (choice === undefined) return undefined;
  if (choice === 'auto') return { type: 'auto' };
  if (choice === 'none') return { type: 'none' };
  if (choice === 'required') return { type: 'any' };
  return { type: 'tool', name: choice.function.name };
}

/** The synthetic tool that carries a response_format schema; its input is unwrapped into the answer text. */
export const JSON_TOOL_NAME = 'json_tool_call';

export type ResponseFormatPlan = { jsonTool?: AnthropicCustomTool; outputFormat?: AnthropicOutputFormat };

/**
 * response_format: json_schema goes as output_config.format to models with native structured outputs; otherwise
 * (and for json_object) a synthetic tool carries the schema (an open object for json_object) and its input is
 * unwrapped into the answer text.
 */
export function planResponseFormat(format: OpenAIChatRequest['response_format'], target: ModelCapabilities): ResponseFormatPlan {
  if (!format || format.type === 'text') return {};
  const schema =
    format.type === 'json_schema' && format.json_schema.schema
      ? format.json_schema.schema
      : { type: 'object', additionalProperties: true };
  if (format.type === 'json_schema' && target.structuredOutputs !== 'none') return { outputFormat: { type: 'json_schema', schema } };
  return {
    jsonTool: {
      name: JSON_TOOL_NAME,
      description: 'Respond by calling this tool with the complete answer as its input.',
      input_schema: schema,
    },
  };
}
