import { randomBytes } from 'node:crypto';
import { db, type Prisma } from '../../lib/db';
import { sealSecret } from '../../lib/secrets';
import { generateUserTokenSecret } from '../../lib/secrets/user-token-secret';

// Rows the gateway reads, created the way the admin API stores them (keys sealed, tokens hashed), under
// unique names so test files and cases never see each other's routes.

export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

export type ProviderFixture = { id: number; name: string; keys: { id: number; key: string }[] };

export async function createProvider(options: {
  type: 'openai' | 'anthropic';
  apiUrl: string;
  keys?: string[];
  timeoutMs?: number;
  extraHeaders?: Record<string, string>;
  inlineImageUrls?: boolean;
  capabilityOverrides?: Prisma.InputJsonObject;
}): Promise<ProviderFixture> {
  const name = uniqueName(`${options.type}-provider`);
  const provider = await db.provider.create({
    data: {
      name,
      modelType: options.type,
      apiUrl: options.apiUrl,
      timeoutMs: options.timeoutMs ?? 10_000,
      extraHeaders: options.extraHeaders ?? {},
      inlineImageUrls: options.inlineImageUrls ?? false,
      capabilityOverrides: options.capabilityOverrides ?? {},
    },
  });
  const keys = [];
  for (const key of options.keys ?? [`sk-provider-${randomBytes(8).toString('hex')}`]) {
    const row = await db.providerToken.create({
      data: { providerId: provider.id, token: await sealSecret(key), tokenHint: key.slice(-4) },
    });
    keys.push({ id: row.id, key });
  }
  return { id: provider.id, name, keys };
}

export async function createModel(options: {
  name: string;
  providerId: number;
  providerModelName?: string;
  priority?: number;
  weight?: number;
  inputPrice?: string;
  outputPrice?: string;
  cacheReadPrice?: string;
  cacheWritePrice?: string;
  capabilityOverrides?: Prisma.InputJsonObject;
}) {
  return db.aiModel.create({
    data: {
      name: options.name,
      providerId: options.providerId,
      providerModelName: options.providerModelName ?? `${options.name}-upstream`,
      priority: options.priority ?? 0,
      weight: options.weight ?? 1,
      inputPrice: options.inputPrice ?? '0',
      outputPrice: options.outputPrice ?? '0',
      cacheReadPrice: options.cacheReadPrice ?? '0',
      cacheWritePrice: options.cacheWritePrice ?? null,
      capabilityOverrides: options.capabilityOverrides ?? {},
    },
  });
}

export type TokenFixture = { id: number; userId: number; plaintext: string };

export async function createUserToken(options: { allowedModels?: string[]; rpmLimit?: number; monthlyBudget?: string } = {}): Promise<TokenFixture> {
  const username = uniqueName('gateway-user');
  const user = await db.user.create({ data: { username, name: username, passwordHash: 'unused' } });
  const secret = generateUserTokenSecret();
  const token = await db.userToken.create({
    data: {
      userId: user.id,
      name: 'test',
      tokenHash: secret.hash,
      tokenPrefix: secret.prefix,
      allowedModels: options.allowedModels ?? [],
      rpmLimit: options.rpmLimit ?? null,
      monthlyBudget: options.monthlyBudget ?? null,
    },
  });
  return { id: token.id, userId: user.id, plaintext: secret.plaintext };
}

export function jsonRequest(path: string, body: unknown, headers: Record<string, string> = {}, signal?: AbortSignal): Request {
  return new Request(`http://gateway.test${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    signal,
  });
}
