// OpenAI's Responses API as the stub answers it: the whole response object, or its event stream (created,
// in_progress, per output item added → deltas → done, then completed or incomplete), every event with its
// sequence_number. Text parts become one message item, tool calls function_call items, in the scripted order.
import type { Completion } from './completion';
import { openAiStreamErrorBody } from './errors';
import { scriptStream, sseEvent, type Frame } from './frames';

type OutputItem = Record<string, unknown> & { type: string; id: string };

function seqOf(completion: Completion): string {
  return String(completion.seq).padStart(6, '0');
}

function usageOf(completion: Completion) {
  const { input, output, cacheRead, cacheWrite, reasoning } = completion.usage;
  const inputTokens = input + cacheRead + cacheWrite;
  return {
    input_tokens: inputTokens,
    input_tokens_details: { cached_tokens: cacheRead },
    output_tokens: output,
    output_tokens_details: { reasoning_tokens: reasoning },
    total_tokens: inputTokens + output,
  };
}

function outputItems(completion: Completion): OutputItem[] {
  const seq = seqOf(completion);
  const items: OutputItem[] = [];
  const thinking = completion.parts.flatMap((part) => (part.type === 'thinking' ? part.chunks : [])).join('');
  if (thinking) items.push({ type: 'reasoning', id: `rs_stub${seq}`, summary: [{ type: 'summary_text', text: thinking }], encrypted_content: `enc_stub${seq}` });
  const text = completion.parts.flatMap((part) => (part.type === 'text' ? part.chunks : [])).join('');
  if (text) items.push({ type: 'message', id: `msg_stub${seq}`, status: 'completed', role: 'assistant', content: [{ type: 'output_text', text, annotations: [] }] });
  completion.parts.forEach((part, index) => {
    if (part.type !== 'tool_call') return;
    items.push({ type: 'function_call', id: `fc_stub${seq}_${index}`, call_id: part.id ?? `call_stub${seq}_${index}`, name: part.name, arguments: part.chunks.join(''), status: 'completed' });
  });
  return items;
}

function statusOf(completion: Completion): { status: string; incomplete_details: { reason: string } | null } {
  if (completion.stop === 'length') return { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } };
  if (completion.stop === 'content_filter') return { status: 'incomplete', incomplete_details: { reason: 'content_filter' } };
  return { status: 'completed', incomplete_details: null };
}

function responseObject(completion: Completion, body: Record<string, unknown>, output: OutputItem[], final: boolean) {
  return {
    id: `resp_stub${seqOf(completion)}`,
    object: 'response',
    created_at: completion.created,
    ...(final ? statusOf(completion) : { status: 'in_progress', incomplete_details: null }),
    error: null,
    instructions: typeof body.instructions === 'string' ? body.instructions : null,
    max_output_tokens: typeof body.max_output_tokens === 'number' ? body.max_output_tokens : null,
    model: completion.model,
    output,
    parallel_tool_calls: body.parallel_tool_calls !== false,
    previous_response_id: null,
    store: body.store !== false,
    temperature: typeof body.temperature === 'number' ? body.temperature : 1,
    text: { format: { type: 'text' } },
    tool_choice: body.tool_choice ?? 'auto',
    tools: Array.isArray(body.tools) ? body.tools : [],
    top_p: 1,
    truncation: 'disabled',
    usage: final ? usageOf(completion) : null,
    metadata: {},
  };
}

export function renderResponse(completion: Completion, body: Record<string, unknown>) {
  return responseObject(completion, body, outputItems(completion), true);
}

export function renderResponsesStream(completion: Completion, body: Record<string, unknown>): Frame[] {
  let sequence = 0;
  const event = (type: string, fields: Record<string, unknown>) => sseEvent({ type, ...fields, sequence_number: sequence++ }, type);
  const done = outputItems(completion);
  const frames: Frame[] = [
    { kind: 'head', text: event('response.created', { response: responseObject(completion, body, [], false) }) },
    { kind: 'head', text: event('response.in_progress', { response: responseObject(completion, body, [], false) }) },
  ];
  let outputIndex = 0;
  const thinkingChunks = completion.parts.flatMap((part) => (part.type === 'thinking' ? part.chunks : []));
  if (thinkingChunks.length > 0) {
    const item = done[outputIndex];
    const index = outputIndex++;
    const where = { item_id: item.id, output_index: index, summary_index: 0 };
    frames.push({ kind: 'start', text: event('response.output_item.added', { output_index: index, item: { ...item, summary: [], encrypted_content: null } }) });
    frames.push({ kind: 'start', text: event('response.reasoning_summary_part.added', { ...where, part: { type: 'summary_text', text: '' } }) });
    for (const delta of thinkingChunks) frames.push({ kind: 'delta', text: event('response.reasoning_summary_text.delta', { ...where, delta }) });
    const text = thinkingChunks.join('');
    frames.push({ kind: 'stop', text: event('response.reasoning_summary_text.done', { ...where, text }) });
    frames.push({ kind: 'stop', text: event('response.reasoning_summary_part.done', { ...where, part: { type: 'summary_text', text } }) });
    frames.push({ kind: 'stop', text: event('response.output_item.done', { output_index: index, item }) });
  }
  const textChunks = completion.parts.flatMap((part) => (part.type === 'text' ? part.chunks : []));
  if (textChunks.length > 0) {
    const item = done[outputIndex];
    const index = outputIndex++;
    frames.push({ kind: 'start', text: event('response.output_item.added', { output_index: index, item: { ...item, status: 'in_progress', content: [] } }) });
    frames.push({ kind: 'start', text: event('response.content_part.added', { item_id: item.id, output_index: index, content_index: 0, part: { type: 'output_text', text: '', annotations: [] } }) });
    for (const delta of textChunks) frames.push({ kind: 'delta', text: event('response.output_text.delta', { item_id: item.id, output_index: index, content_index: 0, delta, logprobs: [] }) });
    const text = textChunks.join('');
    frames.push({ kind: 'stop', text: event('response.output_text.done', { item_id: item.id, output_index: index, content_index: 0, text, logprobs: [] }) });
    frames.push({ kind: 'stop', text: event('response.content_part.done', { item_id: item.id, output_index: index, content_index: 0, part: { type: 'output_text', text, annotations: [] } }) });
    frames.push({ kind: 'stop', text: event('response.output_item.done', { output_index: index, item }) });
  }
  for (const part of completion.parts) {
    if (part.type !== 'tool_call') continue;
    const item = done[outputIndex];
    const index = outputIndex++;
    frames.push({ kind: 'start', text: event('response.output_item.added', { output_index: index, item: { ...item, arguments: '', status: 'in_progress' } }) });
    for (const delta of part.chunks) frames.push({ kind: 'delta', text: event('response.function_call_arguments.delta', { item_id: item.id, output_index: index, delta }) });
    frames.push({ kind: 'stop', text: event('response.function_call_arguments.done', { item_id: item.id, output_index: index, arguments: item.arguments }) });
    frames.push({ kind: 'stop', text: event('response.output_item.done', { output_index: index, item }) });
  }
  const final = renderResponse(completion, body);
  frames.push({ kind: 'end', text: event(final.status === 'incomplete' ? 'response.incomplete' : 'response.completed', { response: final }) });
  const error = completion.reply.streamError;
  // The Responses API's error event: the error's own fields at the top level beside `type: "error"`.
  const errorEvent = () => {
    const { message, code } = openAiStreamErrorBody(error!).error;
    return sseEvent({ type: 'error', code: code ?? 'server_error', message, param: null, sequence_number: sequence }, 'error');
  };
  return scriptStream(frames, completion.reply, error ? errorEvent() : '');
}
