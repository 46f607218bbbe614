import { db } from '../db';
import { openSecret } from '../secrets';
import { InvalidatedCache } from './invalidated-cache';
import type { GatewayRoute, RouteProvider } from './route-types';
import { getGatewaySettings } from './settings';

// Model name → every route that can serve it. Provider keys are decrypted here, when the cache is filled, and
// nowhere else; the decrypted keys live only in this cache's memory.

let routeCache: InvalidatedCache<string, GatewayRoute[]> | undefined;

function getRouteCache(): InvalidatedCache<string, GatewayRoute[]> {
  routeCache ??= new InvalidatedCache('routes', getGatewaySettings().routeCacheMax);
  return routeCache;
}

/** All routes for a model name (unordered; an empty list when the name is unknown or has no usable key). */
export function resolveRoutes(modelName: string): Promise<GatewayRoute[]> {
  return getRouteCache().getOrLoad(modelName, () => loadRoutes(modelName));
}

async function loadRoutes(modelName: string): Promise<GatewayRoute[]> {
  const models = await db.aiModel.findMany({
    where: { name: modelName, status: 'active', provider: { enabled: true } },
    include: { provider: { include: { tokens: { where: { active: true }, orderBy: { id: 'asc' } } } } },
    orderBy: { id: 'asc' },
  });
  const routes: GatewayRoute[] = [];
  for (const model of models) {
    const provider: RouteProvider = {
      id: model.provider.id,
      name: model.provider.name,
      type: model.provider.modelType,
      apiUrl: model.provider.apiUrl,
      timeoutMs: model.provider.timeoutMs,
      extraHeaders: readExtraHeaders(model.provider.extraHeaders),
      inlineImageUrls: model.provider.inlineImageUrls,
    };
    const opened = await Promise.all(
      model.provider.tokens.map(async (token) => ({ tokenId: token.id, apiKey: await openKey(token.id, token.token) })),
    );
    const usable = opened.filter((entry): entry is { tokenId: number; apiKey: string } => entry.apiKey !== null);
    for (const { tokenId, apiKey } of usable) {
      routes.push({
        key: `${model.id}:${tokenId}`,
        modelId: model.id,
        modelName: model.name,
        providerModelName: model.providerModelName,
        priority: model.priority,
        weight: Math.max(model.weight, 1) / usable.length,
        prices: {
          input: model.inputPrice.toString(),
          output: model.outputPrice.toString(),
          cacheRead: model.cacheReadPrice.toString(),
          currency: model.currency,
        },
        provider,
        providerTokenId: tokenId,
        apiKey,
      });
    }
  }
  return routes;
}

async function openKey(tokenId: number, sealed: string): Promise<string | null> {
  try {
    return await openSecret(sealed);
  } catch (error) {
    // The key stays out of rotation; the message names the row, never any key material.
    console.error(`[axongate] provider key ${tokenId} cannot be decrypted: ${(error as Error).name}`);
    return null;
  }
}

function readExtraHeaders(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const headers: Record<string, string> = {};
  for (const [name, header] of Object.entries(value)) {
    if (typeof header === 'string') headers[name] = header;
  }
  return headers;
}

export type PublicModel = { name: string; ownedBy: string; createdAt: Date };

let modelListCache: InvalidatedCache<string, PublicModel[]> | undefined;

/** Every model name with at least one active route on an enabled provider, oldest first. */
export function listPublicModels(): Promise<PublicModel[]> {
  modelListCache ??= new InvalidatedCache('routes', 1);
  return modelListCache.getOrLoad('all', loadPublicModels);
}

async function loadPublicModels(): Promise<PublicModel[]> {
  const models = await db.aiModel.findMany({
    where: { status: 'active', provider: { enabled: true, tokens: { some: { active: true } } } },
    select: { name: true, createdAt: true, provider: { select: { name: true } } },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  const byName = new Map<string, PublicModel>();
  for (const model of models) {
    if (!byName.has(model.name)) byName.set(model.name, { name: model.name, ownedBy: model.provider.name, createdAt: model.createdAt });
  }
  return [...byName.values()];
}
