import { describe, expect, it } from 'vitest';
import { createProviderBody, updateProviderBody } from './schemas';

const base = { name: 'p', model_type: 'openai' };

describe('provider schemas', () => {
  it('stores api_url without trailing slashes and keeps a trailing /v1', () => {
    expect(createProviderBody.parse({ ...base, api_url: ' https://api.deepseek.com/ ' }).api_url).toBe('https://api.deepseek.com');
    expect(createProviderBody.parse({ ...base, api_url: 'http://localhost:11434/v1//' }).api_url).toBe('http://localhost:11434/v1');
  });

  it('accepts only http(s) URLs', () => {
    for (const api_url of ['ftp://example.com', 'example.com', 'javascript:alert(1)', 'file:///etc/passwd', '']) {
      const result = createProviderBody.safeParse({ ...base, api_url });
      expect(result.success, api_url).toBe(false);
      expect(result.error?.issues[0].path).toEqual(['api_url']);
    }
  });

  it('fills defaults on create and none on update', () => {
    expect(createProviderBody.parse({ ...base, api_url: 'https://a.example' })).toMatchObject({
      enabled: true,
      timeout_ms: 60000,
      extra_headers: {},
      inline_image_urls: false,
    });
    expect(updateProviderBody.parse({})).toEqual({});
  });

  it('refuses header names and values that could split a request', () => {
    const bad = [{ 'Bad Name': 'x' }, { 'X-Ok': 'a\r\nInjected: 1' }, { 'X-Number': 1 }];
    for (const extra_headers of bad) {
      expect(createProviderBody.safeParse({ ...base, api_url: 'https://a.example', extra_headers }).success).toBe(false);
    }
  });
});
