import { ensureCacheListener } from './cache-invalidation';
import { Exchange } from './exchange';
import { answerError } from './proxy-request';
import { listPublicModels, type PublicModel } from './resolve-routes';
import { authenticateUserToken, isModelAllowed } from './user-token-auth';

// GET /v1/models – the models this token may use: OpenAI's list shape, or Anthropic's (newest first, with
// cursor paging) when the request carries `anthropic-version`, or an x-api-key without a Bearer header.

export async function handleModels(request: Request): Promise<Response> {
  const anthropicShape = wantsAnthropicShape(request.headers);
  const exchange = new Exchange(anthropicShape ? 'anthropic' : 'openai', false);
  void ensureCacheListener();
  try {
    const token = await authenticateUserToken(request.headers);
    const models = (await listPublicModels()).filter((model) => isModelAllowed(token, model.name));
    const body = anthropicShape ? toAnthropicList(models, new URL(request.url).searchParams) : toOpenAIList(models);
    return Response.json(body, { headers: exchange.responseHeaders() });
  } catch (error) {
    return answerError(exchange, error);
  }
}

function wantsAnthropicShape(headers: Headers): boolean {
  if (headers.has('anthropic-version')) return true;
  return headers.has('x-api-key') && !headers.has('authorization');
}

function toOpenAIList(models: PublicModel[]) {
  return {
    object: 'list',
    data: models.map((model) => ({
      id: model.name,
      object: 'model',
      created: Math.floor(model.createdAt.getTime() / 1000),
      owned_by: model.ownedBy,
    })),
  };
}

function toAnthropicList(models: PublicModel[], query: URLSearchParams) {
  const newestFirst = [...models].reverse();
  const requested = Number(query.get('limit') ?? 20);
  const limit = Number.isInteger(requested) && requested >= 1 ? Math.min(requested, 1000) : 20;
  const afterId = query.get('after_id');
  const beforeId = query.get('before_id');
  let start = 0;
  let end = newestFirst.length;
  if (afterId) {
    const index = newestFirst.findIndex((model) => model.name === afterId);
    start = index === -1 ? newestFirst.length : index + 1;
  } else if (beforeId) {
    const index = newestFirst.findIndex((model) => model.name === beforeId);
    end = index === -1 ? 0 : index;
    start = Math.max(0, end - limit);
  }
  const page = newestFirst.slice(start, Math.min(end, start + limit));
  const hasMore = beforeId && !afterId ? start > 0 : start + page.length < end;
  return {
    data: page.map((model) => ({
      type: 'model',
      id: model.name,
      display_name: model.name,
      created_at: model.createdAt.toISOString(),
    })),
    has_more: hasMore,
    first_id: page[0]?.name ?? null,
    last_id: page.at(-1)?.name ?? null,
  };
}
