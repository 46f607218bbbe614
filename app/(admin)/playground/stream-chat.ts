import { ApiError } from '../_lib/api-request';
import { gatewayError } from '../_lib/use-gateway-models';

export type ChatMessage = { role: 'user' | 'assistant'; content: string };

type StreamChatOptions = {
  token: string;
  model: string;
  messages: ChatMessage[];
  signal: AbortSignal;
  /** Called with each piece of text as it arrives. */
  onDelta: (text: string) => void;
};

type ChunkEvent = { choices?: { delta?: { content?: string | null } }[]; error?: { message?: string } };

/**
 * Sends a chat through the gateway's `/v1/chat/completions` with `stream: true` and reads the server-sent events
 * as they arrive: fetch + a stream reader, events split on blank lines, buffered across network chunks.
 * Aborting the signal cancels the request, which the gateway forwards to the provider.
 */
export async function streamChat({ token, model, messages, signal, onDelta }: StreamChatOptions): Promise<void> {
  const response = await fetch('/v1/chat/completions', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ model, messages, stream: true }),
    signal,
  });
  if (!response.ok) throw await gatewayError(response);
  if (!response.body) throw new ApiError(response.status, 'The gateway sent no stream');

  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += value.replace(/\r\n?/g, '\n');
    let boundary = buffer.indexOf('\n\n');
    while (boundary !== -1) {
      const finished = handleEvent(buffer.slice(0, boundary), onDelta);
      buffer = buffer.slice(boundary + 2);
      if (finished) {
        await reader.cancel();
        return;
      }
      boundary = buffer.indexOf('\n\n');
    }
  }
  if (buffer.trim()) handleEvent(buffer, onDelta);
}

/** One SSE event; true once the stream says it is done. */
function handleEvent(event: string, onDelta: (text: string) => void): boolean {
  const data = event
    .split('\n')
    .filter((line) => line.startsWith('data:'))
    .map((line) => line.slice(5).replace(/^ /, ''))
    .join('\n');
  if (!data) return false;
  if (data === '[DONE]') return true;
  const chunk = JSON.parse(data) as ChunkEvent;
  if (chunk.error) throw new ApiError(502, chunk.error.message ?? 'The stream ended with an error');
  const text = chunk.choices?.[0]?.delta?.content;
  if (text) onDelta(text);
  return false;
}
