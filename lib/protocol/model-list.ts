// The two shapes of GET /v1/models: OpenAI's list (every model, oldest first) and Anthropic's page (newest first,
// `limit` 1–1000 with default 20, `after_id`/`before_id` cursors, `has_more`, `first_id`/`last_id`).

/** A model as the list shows it: the public name, who serves it, when it first appeared. */
export type ListedModel = { name: string; ownedBy: string; createdAt: Date };

/** One model in OpenAI's shape: the list's item and `GET /v1/models/{id}`. */
export function toOpenAIModel(model: ListedModel) {
  return { id: model.name, object: 'model', created: Math.floor(model.createdAt.getTime() / 1000), owned_by: model.ownedBy };
}

/** One model in Anthropic's shape: the page's item and `GET /v1/models/{id}`. */
export function toAnthropicModel(model: ListedModel) {
  return { type: 'model', id: model.name, display_name: model.name, created_at: model.createdAt.toISOString() };
}

export function toOpenAIModelList(models: ListedModel[]) {
  return { object: 'list', data: models.map(toOpenAIModel) };
}

export function toAnthropicModelPage(models: ListedModel[], query: URLSearchParams) {
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
    data: page.map(toAnthropicModel),
    has_more: hasMore,
    first_id: page[0]?.name ?? null,
    last_id: page.at(-1)?.name ?? null,
  };
}
