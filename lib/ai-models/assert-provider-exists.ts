import 'server-only';
import { notFound } from '../errors';
import type { Prisma } from '../db';

export type RouteProviderRow = { modelType: 'openai' | 'anthropic'; apiUrl: string; capabilityOverrides: unknown };

/** A route must point at a real provider: 404 naming the id, rather than a foreign key error. */
export async function assertProviderExists(tx: Prisma.TransactionClient, providerId: number): Promise<RouteProviderRow> {
  const provider = await tx.provider.findUnique({ where: { id: providerId }, select: { modelType: true, apiUrl: true, capabilityOverrides: true } });
  if (!provider) throw notFound(`provider ${providerId}`);
  return provider;
}

/** One provider may carry several routes of one name (model-level fallback), each to a different provider model. */
export const duplicateRouteMessage = (name: string | undefined, providerId: number | undefined, providerModelName: string | undefined) =>
  name && providerId && providerModelName
    ? `A model route named "${name}" to "${providerModelName}" already exists on provider ${providerId}`
    : 'A model route with this name and provider model already exists on this provider';
