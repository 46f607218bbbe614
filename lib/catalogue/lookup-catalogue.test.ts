import { describe, expect, it } from 'vitest';
import { defaultCapabilities, effectiveCapabilities } from './capability-profile';
import { lookupCatalogue } from './lookup-catalogue';

const openaiPlatform = { type: 'openai' as const, apiUrl: 'https://api.openai.com', capabilityOverrides: {} };
const vllm = { type: 'openai' as const, apiUrl: 'http://10.0.0.5:8000', capabilityOverrides: {} };

describe('lookupCatalogue', () => {
  it('prices a dated Anthropic name with its cache-write price (genai-prices) and its limits (models.dev)', () => {
    const entry = lookupCatalogue({ type: 'anthropic', apiUrl: 'https://api.anthropic.com' }, 'claude-sonnet-4-20250514');
    expect(entry?.prices).toEqual({ input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 });
    expect(entry?.capabilities).toMatchObject({ contextWindow: 200_000, maxOutputTokens: 64_000, reasoning: 'budget', imageInput: true });
  });

  it('leaves PDF input on for Claude, whose models.dev entry does not list PDFs', () => {
    expect(defaultCapabilities({ type: 'anthropic', apiUrl: 'https://api.anthropic.com', capabilityOverrides: {} }, 'claude-sonnet-4-20250514').pdfInput).toBe(true);
  });

  it('knows gpt-5 as a reasoning model without sampling parameters', () => {
    const entry = lookupCatalogue(openaiPlatform, 'gpt-5');
    expect(entry?.prices).toMatchObject({ input: 1.25, output: 10 });
    expect(entry?.capabilities).toMatchObject({ reasoning: 'effort', samplingParameters: false, maxOutputTokens: 128_000 });
  });

  it('answers null for a model no catalogue knows', () => {
    expect(lookupCatalogue(vllm, 'my-private-finetune')).toBeNull();
  });
});

describe('capability profile layers', () => {
  it("adds OpenAI's platform limits on api.openai.com only", () => {
    expect(defaultCapabilities(openaiPlatform, 'gpt-4o')).toMatchObject({ toolDescriptionMaxChars: 1024, structuredOutputs: 'strict' });
    expect(defaultCapabilities(vllm, 'gpt-4o')).toMatchObject({ toolDescriptionMaxChars: null, structuredOutputs: 'native' });
  });

  it("puts the provider's overrides over the catalogue and the route's over both; unknown stored fields are ignored", () => {
    const provider = { ...vllm, capabilityOverrides: { maxOutputTokens: 2000, samplingParameters: true } };
    expect(effectiveCapabilities(provider, 'gpt-5', { maxOutputTokens: 500 })).toMatchObject({ maxOutputTokens: 500, samplingParameters: true });
    expect(effectiveCapabilities(vllm, 'gpt-5', { bogus: 1 })).toMatchObject({ samplingParameters: false });
  });
});
