import { InvalidatedCache } from '../../cache/invalidated-cache';
import type { InvalidationFeed } from '../../cache/invalidation-bus';
import type { Db } from '../../db';
import { effectiveCapabilities } from '../../catalogue';
import { pricesOf } from '../../usage';
import type { ProviderHosts } from './provider-hosts';
import type { GatewayRoute, RouteProvider } from './route-types';

// Model name → every route that can serve it, with its capability profile (lib/catalogue), cached until an
// admin write on providers, keys or models invalidates it. Provider keys are decrypted here, when the cache is filled, and nowhere else; the decrypted keys
// live only in this cache's memory. A provider whose host AXONGATE_PROVIDER_HOSTS does not allow has no routes.

export type PublicModel = { name: string; ownedBy: string; createdAt: Date };

export type RouteStoreOptions = {
  db: Db;
  feed: InvalidationFeed;
  max: number;
  openSecret: (sealed: string) => Promise<string>;
  providerHosts: ProviderHosts;
  log: (message: string) => void;
  now: () => number;
};

export class RouteStore {
  private readonly routes: InvalidatedCache<string, GatewayRoute[]>;
  private readonly publicModels: InvalidatedCache<string, PublicModel[]>;

  constructor(private readonly options: RouteStoreOptions) {
    const { feed, now } = options;
    this.routes = new InvalidatedCache({ scope: 'routes', max: options.max, feed, now });
    this.publicModels = new InvalidatedCache({ scope: 'routes', max: 1, feed, now });
  }

  /** All routes for a model name (unordered; an empty list when the name is unknown or has no usable key). */
  resolve(modelName: string): Promise<GatewayRoute[]> {
    return this.routes.getOrLoad(modelName, () => this.loadRoutes(modelName));
  }

  /** Every model name with at least one active route on an enabled provider, oldest first. */
  listPublicModels(): Promise<PublicModel[]> {
    return this.publicModels.getOrLoad('all', () => this.loadPublicModels());
  }

  dispose(): void {
    this.routes.dispose();
    this.publicModels.dispose();
  }

  private async loadRoutes(modelName: string): Promise<GatewayRoute[]> {
    const models = await this.options.db.aiModel.findMany({
      where: { name: modelName, status: 'active', provider: { enabled: true } },
      include: { provider: { include: { tokens: { where: { active: true, retiredAt: null }, orderBy: { id: 'asc' } } } } },
      orderBy: { id: 'asc' },
    });
    const routes: GatewayRoute[] = [];
    for (const model of models) {
      if (!this.options.providerHosts.allowsUrl(model.provider.apiUrl)) {
        this.options.log(`provider ${model.provider.id} is not called: the host of its api_url is not in AXONGATE_PROVIDER_HOSTS`);
        continue;
      }
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
        model.provider.tokens.map(async (token) => ({ tokenId: token.id, apiKey: await this.openKey(token.id, token.token) })),
      );
      const usable = opened.filter((entry): entry is { tokenId: number; apiKey: string } => entry.apiKey !== null);
      const capabilities = effectiveCapabilities(
        { type: provider.type, apiUrl: provider.apiUrl, capabilityOverrides: model.provider.capabilityOverrides },
        model.providerModelName,
        model.capabilityOverrides,
      );
      for (const { tokenId, apiKey } of usable) {
        routes.push({
          key: `${model.id}:${tokenId}`,
          modelId: model.id,
          modelName: model.name,
          providerModelName: model.providerModelName,
          priority: model.priority,
          weight: Math.max(model.weight, 1) / usable.length,
          prices: pricesOf(model),
          capabilities,
          provider,
          providerTokenId: tokenId,
          apiKey,
        });
      }
    }
    return routes;
  }

  private async openKey(tokenId: number, sealed: string): Promise<string | null> {
    try {
      return await this.options.openSecret(sealed);
    } catch (error) {
      // The key stays out of rotation; the message names the row, never any key material.
      this.options.log(`provider key ${tokenId} cannot be decrypted: ${(error as Error).name}`);
      return null;
    }
  }

  private async loadPublicModels(): Promise<PublicModel[]> {
    const models = await this.options.db.aiModel.findMany({
      where: { status: 'active', provider: { enabled: true, tokens: { some: { active: true, retiredAt: null } } } },
      select: { name: true, createdAt: true, provider: { select: { name: true, apiUrl: true } } },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    const byName = new Map<string, PublicModel>();
    for (const model of models) {
      if (!byName.has(model.name) && this.options.providerHosts.allowsUrl(model.provider.apiUrl)) byName.set(model.name, { name: model.name, ownedBy: model.provider.name, createdAt: model.createdAt });
    }
    return [...byName.values()];
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
