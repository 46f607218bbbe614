import type { ModelCapabilities } from '../protocol/capabilities';

// What belongs to the host rather than the model: OpenAI's platform limits tool descriptions to 1,024
// characters, enforces strict json_schema and serves the Responses API; an OpenAI-compatible server (vLLM,
// Ollama, OpenRouter) keeps the protocol's safe defaults; DeepSeek wants earlier reasoning replayed in tool loops.

type HostDefaults = { matches: (host: string) => boolean; defaults: Partial<ModelCapabilities> };

const OPENAI_HOSTS: HostDefaults[] = [
  {
    matches: (host) => host === 'api.openai.com',
    defaults: { toolDescriptionMaxChars: 1024, structuredOutputs: 'strict', openaiApis: 'both' },
  },
  { matches: (host) => host === 'api.deepseek.com', defaults: { reasoningReplay: true } },
];

export function hostDefaults(providerType: 'openai' | 'anthropic', apiUrl: string): Partial<ModelCapabilities> {
  if (providerType !== 'openai') return {};
  const host = hostOf(apiUrl);
  return OPENAI_HOSTS.find((entry) => entry.matches(host))?.defaults ?? {};
}

function hostOf(apiUrl: string): string {
  try {
    return new URL(apiUrl).hostname.toLowerCase();
  } catch {
    return '';
  }
}
