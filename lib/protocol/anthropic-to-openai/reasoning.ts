// Anthropic thinking → OpenAI reasoning_effort, for models that reason on an effort setting (docs/CONVERSION.md §10).
import type { AnthropicMessagesRequest } from '../anthropic/types';
import type { ModelCapabilities } from '../capabilities';
import type { OpenAIReasoningEffort } from '../openai/types';

type Effort = Exclude<OpenAIReasoningEffort, 'none' | 'minimal'>;

const EFFORT_ORDER: OpenAIReasoningEffort[] = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh', 'max'];

/** budget_tokens → effort: the smallest budget that reaches each level. */
const BUDGET_THRESHOLDS: [number, Effort][] = [
  [24_000, 'xhigh'],
  [8_000, 'high'],
  [2_048, 'medium'],
  [0, 'low'],
];

/** output_config.effort of adaptive thinking → reasoning_effort. */
const ADAPTIVE_EFFORTS: Record<string, Effort> = { low: 'low', medium: 'medium', high: 'high', max: 'xhigh' };

/** The reasoning_effort to send, or undefined (thinking off, or a model without effort control: noted). */
export function mapThinkingToEffort(request: AnthropicMessagesRequest, target: ModelCapabilities, warnings: string[]): OpenAIReasoningEffort | undefined {
  const { thinking } = request;
  if (!thinking || thinking.type === 'disabled') return undefined;
  if (target.reasoning !== 'effort') {
    warnings.push('thinking dropped: the model takes no reasoning effort');
    return undefined;
  }
  const wanted =
    thinking.type === 'adaptive'
      ? (ADAPTIVE_EFFORTS[request.output_config?.effort ?? 'medium'] ?? 'medium')
      : (BUDGET_THRESHOLDS.find(([minimum]) => thinking.budget_tokens >= minimum)?.[1] ?? 'low');
  return nearestAccepted(wanted, target.reasoningEfforts, warnings);
}

/** What a reasoning model takes when its profile lists no levels: the ones every OpenAI reasoning model knows. */
const STANDARD_EFFORTS: ModelCapabilities['reasoningEfforts'] = ['minimal', 'low', 'medium', 'high'];

/** The accepted effort closest to `wanted`, preferring the lower one. */
export function nearestAccepted(wanted: OpenAIReasoningEffort, listed: ModelCapabilities['reasoningEfforts'], warnings: string[]): OpenAIReasoningEffort {
  const accepted = listed.length > 0 ? listed : STANDARD_EFFORTS;
  if (accepted.includes(wanted)) return wanted;
  const rank = EFFORT_ORDER.indexOf(wanted);
  const byDistance = [...accepted].sort((a, b) => {
    const distance = Math.abs(EFFORT_ORDER.indexOf(a) - rank) - Math.abs(EFFORT_ORDER.indexOf(b) - rank);
    return distance !== 0 ? distance : EFFORT_ORDER.indexOf(a) - EFFORT_ORDER.indexOf(b);
  });
  warnings.push(`reasoning effort ${wanted} sent as ${byDistance[0]}, the nearest the model accepts`);
  return byDistance[0];
}
