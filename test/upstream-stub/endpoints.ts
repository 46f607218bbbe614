// The endpoints around chat: model lists, embeddings and count_tokens.
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { estimateInputTokens, estimateTokens } from './completion';

/** Anthropic's list shape when the request looks like an Anthropic client's, OpenAI's otherwise. */
export function listModels(models: string[], headers: IncomingHttpHeaders) {
  if (headers['anthropic-version'] !== undefined || headers['x-api-key'] !== undefined) {
    const data = models.map((id) => ({ type: 'model', id, display_name: id, created_at: '2025-01-01T00:00:00Z' }));
    return { data, has_more: false, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null };
  }
  const data = models.map((id) => ({ id, object: 'model', created: 1_735_689_600, owned_by: 'upstream-stub' }));
  return { object: 'list', data };
}

export function countTokens(body: Record<string, unknown>) {
  return { input_tokens: estimateInputTokens(body) };
}

/**
 * Deterministic unit vectors derived from each input's hash. The openai SDK asks for base64 by default
 * (little-endian float32), so both encodings are served.
 */
export function createEmbeddings(body: Record<string, unknown>) {
  const inputs = toInputList(body.input);
  const dimensions = typeof body.dimensions === 'number' && body.dimensions > 0 ? body.dimensions : 16;
  const base64 = body.encoding_format === 'base64';
  const data = inputs.map((input, index) => {
    const vector = embed(input, dimensions);
    const embedding = base64 ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector;
    return { object: 'embedding', index, embedding };
  });
  const promptTokens = inputs.reduce((sum, input) => sum + estimateTokens(input), 0);
  return {
    object: 'list',
    data,
    model: typeof body.model === 'string' ? body.model : 'stub-embedding',
    usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
  };
}

function toInputList(input: unknown): string[] {
  if (typeof input === 'string') return [input];
  if (!Array.isArray(input)) return [];
  // Token-id arrays (number[] or number[][]) are embedded through their text form.
  if (input.every((item) => typeof item === 'number')) return [JSON.stringify(input)];
  return input.map((item) => (typeof item === 'string' ? item : JSON.stringify(item)));
}

function embed(text: string, dimensions: number): number[] {
  const values: number[] = [];
  for (let block = 0; values.length < dimensions; block++) {
    const digest = createHash('sha256').update(`${block}:${text}`).digest();
    for (let i = 0; i < digest.length && values.length < dimensions; i++) values.push(digest[i] / 127.5 - 1);
  }
  const norm = Math.hypot(...values) || 1;
  return values.map((value) => value / norm);
}
