import { z } from 'zod';
import type { ModelCapabilities } from '../protocol/capabilities';

// The admin's per-field overrides of a capability profile, as stored in the capability_overrides JSONB columns
// and taken by the admin API: every field optional, unknown fields refused.

const limit = (field: string) =>
  z
    .number({ error: `${field} must be a number or null` })
    .int(`${field} must be a whole number`)
    .min(1, `${field} must be at least 1`)
    .max(100_000_000, `${field} must be at most 100000000`);

const reasoningEffort = z.enum(['none', 'minimal', 'low', 'medium', 'high', 'xhigh', 'max'], {
  error: 'reasoning_efforts holds none, minimal, low, medium, high, xhigh or max',
});

const flag = (field: string) => z.boolean({ error: `${field} must be true or false` });

export const capabilityOverridesSchema = z
  .strictObject(
    {
      contextWindow: limit('contextWindow').nullable(),
      maxOutputTokens: limit('maxOutputTokens').nullable(),
      reasoning: z.enum(['none', 'effort', 'budget', 'adaptive'], { error: 'reasoning must be none, effort, budget or adaptive' }),
      reasoningEfforts: z.array(reasoningEffort).max(7),
      samplingParameters: flag('samplingParameters'),
      structuredOutputs: z.enum(['strict', 'native', 'none'], { error: 'structuredOutputs must be strict, native or none' }),
      toolDescriptionMaxChars: limit('toolDescriptionMaxChars').nullable(),
      toolNameMaxChars: limit('toolNameMaxChars'),
      imageInput: flag('imageInput'),
      pdfInput: flag('pdfInput'),
      openaiApis: z.enum(['chat', 'responses', 'both'], { error: 'openaiApis must be chat, responses or both' }),
      legacyMaxTokens: flag('legacyMaxTokens'),
      reasoningReplay: flag('reasoningReplay'),
    },
    { error: (issue) => (issue.code === 'unrecognized_keys' ? `unknown capability ${issue.keys.join(', ')}` : 'capability_overrides must be an object') },
  )
  .partial() satisfies z.ZodType<Partial<ModelCapabilities>>;

export type CapabilityOverrides = Partial<ModelCapabilities>;

/** A stored overrides column as the merge takes it: whatever no longer parses (an older shape) overrides nothing. */
export function readCapabilityOverrides(value: unknown): CapabilityOverrides {
  const parsed = capabilityOverridesSchema.safeParse(value);
  return parsed.success ? parsed.data : {};
}
