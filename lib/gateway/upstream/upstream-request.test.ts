import { describe, expect, it } from 'vitest';
import { buildUpstreamHeaders } from './upstream-headers';
import { buildUpstreamUrl } from './upstream-url';

describe('buildUpstreamUrl', () => {
  it.each([
    ['https://api.openai.com', 'https://api.openai.com', '/v1/chat/completions'],
    ['https://api.openai.com/', 'https://api.openai.com', '/v1/chat/completions'],
    ['https://api.openai.com/v1', 'https://api.openai.com', '/v1/chat/completions'],
    ['https://api.openai.com/v1/', 'https://api.openai.com', '/v1/chat/completions'],
    ['https://openrouter.ai/api/v1', 'https://openrouter.ai', '/api/v1/chat/completions'],
    ['http://127.0.0.1:8080/proxy', 'http://127.0.0.1:8080', '/proxy/v1/chat/completions'],
  ])('%s → %s%s', (apiUrl, origin, path) => {
    expect(buildUpstreamUrl(apiUrl, '/v1/chat/completions')).toEqual({ origin, path });
  });

  it('never doubles /v1 for every endpoint', () => {
    for (const endpoint of ['/v1/messages', '/v1/messages/count_tokens', '/v1/embeddings', '/v1/responses', '/v1/models'] as const) {
      expect(buildUpstreamUrl('https://api.anthropic.com/v1', endpoint).path).toBe(endpoint);
    }
  });

  it('keeps a query string the provider needs (Azure-style api-version)', () => {
    expect(buildUpstreamUrl('https://x.example/openai?api-version=2024-10-21', '/v1/chat/completions').path).toBe(
      '/openai/v1/chat/completions?api-version=2024-10-21',
    );
  });
});

describe('buildUpstreamHeaders', () => {
  const clientHeaders = new Headers({
    authorization: 'Bearer sk-ag-client-secret',
    'x-api-key': 'sk-ag-client-secret',
    cookie: 'session=1',
    'x-forwarded-for': '203.0.113.9',
    'x-real-ip': '203.0.113.9',
    'user-agent': 'sdk/1.0',
    'x-request-id': 'req-1',
    'anthropic-beta': 'tools-2024',
    'openai-organization': 'org-1',
  });

  it('copies only the allow-list and puts the provider key in x-api-key toward Anthropic', () => {
    const headers = buildUpstreamHeaders({ clientHeaders, protocol: 'anthropic', apiKey: 'sk-provider', extraHeaders: {} });
    expect(headers).toEqual({
      'user-agent': 'sdk/1.0',
      'x-request-id': 'req-1',
      'anthropic-beta': 'tools-2024',
      'openai-organization': 'org-1',
      'anthropic-version': '2023-06-01',
      'x-api-key': 'sk-provider',
    });
    expect(JSON.stringify(headers)).not.toContain('sk-ag-client-secret');
  });

  it('keeps the client anthropic-version when it sent one', () => {
    const headers = buildUpstreamHeaders({
      clientHeaders: new Headers({ 'anthropic-version': '2024-01-01' }),
      protocol: 'anthropic',
      apiKey: 'k',
      extraHeaders: {},
    });
    expect(headers['anthropic-version']).toBe('2024-01-01');
  });

  it('uses a Bearer key toward OpenAI-type providers and never forwards the client token, cookies or IP', () => {
    const headers = buildUpstreamHeaders({ clientHeaders, protocol: 'openai', apiKey: 'sk-provider', extraHeaders: {} });
    expect(headers.authorization).toBe('Bearer sk-provider');
    expect(headers['x-api-key']).toBeUndefined();
    expect(headers.cookie).toBeUndefined();
    expect(headers['x-forwarded-for']).toBeUndefined();
    expect(headers['x-real-ip']).toBeUndefined();
    expect(JSON.stringify(headers)).not.toContain('sk-ag-client-secret');
  });

  it('adds provider extra headers but never lets them replace the key', () => {
    const headers = buildUpstreamHeaders({
      clientHeaders: new Headers(),
      protocol: 'openai',
      apiKey: 'sk-provider',
      extraHeaders: { 'HTTP-Referer': 'https://axongate.example', Authorization: 'Bearer other' },
      contentType: 'application/json',
    });
    expect(headers['http-referer']).toBe('https://axongate.example');
    expect(headers.authorization).toBe('Bearer sk-provider');
    expect(headers['content-type']).toBe('application/json');
  });
});
