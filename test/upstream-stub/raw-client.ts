// A bare node:http client for the stub's self-tests: it shows each network read, which fetch and the SDKs hide.
import { request } from 'node:http';

export type RawResponse = {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The body as the socket delivered it, one entry per read. */
  reads: string[];
  text: string;
};

export function postRaw(url: string, body: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      const reads: string[] = [];
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => reads.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, reads, text: reads.join('') }));
      res.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(JSON.stringify(body));
  });
}

export type ParsedEvent = { event?: string; data: string };

/** Splits a complete SSE body into events; enough for the stub's own well-formed output. */
export function parseSse(text: string): ParsedEvent[] {
  return text
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const lines = block.split('\n');
      const event = lines.find((line) => line.startsWith('event: '))?.slice('event: '.length);
      const data = lines
        .filter((line) => line.startsWith('data: '))
        .map((line) => line.slice('data: '.length))
        .join('\n');
      return event === undefined ? { data } : { event, data };
    });
}

export const anthropicHeaders = { 'anthropic-version': '2023-06-01', 'x-api-key': 'x' };

export const anthropicBody = (extra: Record<string, unknown> = {}) => ({
  model: 'claude-haiku-4-5',
  max_tokens: 64,
  messages: [{ role: 'user', content: 'Hi there' }],
  ...extra,
});

export const openAiBody = (extra: Record<string, unknown> = {}) => ({
  model: 'gpt-4o-mini',
  messages: [{ role: 'user', content: 'Hi there' }],
  ...extra,
});
