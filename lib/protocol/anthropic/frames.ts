// Anthropic stream framing: every frame names its event, and the name equals data.type because SDKs
// dispatch on `event:` and silently skip frames without it.
import { formatSseEvent } from '../sse';
import type { AnthropicErrorBody, AnthropicStreamEvent } from './types';

export function formatAnthropicEvent(event: AnthropicStreamEvent | AnthropicErrorBody): string {
  return formatSseEvent({ event: event.type, data: JSON.stringify(event) });
}
