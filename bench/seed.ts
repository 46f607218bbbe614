// Seeds what the benchmark's gateway requests need through the admin API, as an administrator would: the
// provider keys are sealed by the app's own vault and the token is issued the way users get theirs.

export type GatewaySeed = {
  /** The gateway-issued token the load generator sends to /v1. */
  userToken: string;
  /** Public model names, served by the OpenAI-type and the Anthropic-type provider. */
  openaiModel: string;
  anthropicModel: string;
  /** The names the gateway puts in the upstream request (what a client of the stub sends itself). */
  openaiUpstreamModel: string;
  anthropicUpstreamModel: string;
};

type Envelope<T> = { code: number; message: string; data: T };

/** fetch that reads the whole answer and is bounded in time (the caller's). */
export type BoundedFetch = (url: string, init: RequestInit) => Promise<{ status: number; body: string }>;

export async function seedGateway(options: {
  baseUrl: string;
  adminPassword: string;
  stubUrl: string;
  providerKey: string;
  fetch: BoundedFetch;
}): Promise<GatewaySeed> {
  const post = <T>(path: string, body: unknown, bearer?: string) => postAdminApi<T>(options.fetch, `${options.baseUrl}${path}`, body, bearer);
  const login = await post<{ token: string }>('/api/v1/auth/login', { username: 'admin', password: options.adminPassword });
  const call = <T>(path: string, body: unknown) => post<T>(path, body, login.token);

  const routes = [
    { type: 'openai', model: 'bench-gpt', upstreamModel: 'stub-gpt-4o-mini' },
    { type: 'anthropic', model: 'bench-claude', upstreamModel: 'stub-claude-haiku' },
  ] as const;
  for (const route of routes) {
    const provider = await call<{ id: number }>('/api/v1/providers', {
      name: `bench-${route.type}`,
      model_type: route.type,
      api_url: options.stubUrl,
      timeout_ms: 30_000,
    });
    await call('/api/v1/provider-tokens', { provider_id: provider.id, token: options.providerKey });
    await call('/api/v1/ai-models', {
      name: route.model,
      provider_id: provider.id,
      provider_model_name: route.upstreamModel,
      // Non-zero prices, so every usage row also computes a cost, as in production.
      input_price: 0.15,
      output_price: 0.6,
    });
  }
  const token = await call<{ token: string }>('/api/v1/user-tokens', { name: 'bench' });
  return {
    userToken: token.token,
    openaiModel: routes[0].model,
    anthropicModel: routes[1].model,
    openaiUpstreamModel: routes[0].upstreamModel,
    anthropicUpstreamModel: routes[1].upstreamModel,
  };
}

async function postAdminApi<T>(fetch: BoundedFetch, url: string, body: unknown, bearer?: string): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: JSON.stringify(body),
  });
  let envelope: Envelope<T> | undefined;
  try {
    envelope = JSON.parse(response.body) as Envelope<T>;
  } catch {
    // Reported below with the raw text.
  }
  if (response.status < 200 || response.status > 299 || envelope?.code !== 0) {
    throw new Error(`POST ${new URL(url).pathname} failed with HTTP ${response.status}: ${response.body.slice(0, 300)}`);
  }
  return envelope.data;
}
