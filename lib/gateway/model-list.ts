import { toAnthropicModelPage, toOpenAIModelList } from '../protocol/model-list';
import { isModelAllowed } from './access/allowed-models';
import type { GatewayContext } from './context/context';
import { Exchange } from './relay/exchange';
import { answerError } from './proxy-request';

// GET /v1/models – the models this token may use: OpenAI's list shape, or Anthropic's (newest first, with
// cursor paging) when the request carries `anthropic-version`, or an x-api-key without a Bearer header.

export async function listModels(context: GatewayContext, request: Request): Promise<Response> {
  const anthropicShape = wantsAnthropicShape(request.headers);
  const exchange = new Exchange(context, anthropicShape ? 'anthropic' : 'openai', false);
  try {
    const token = await context.tokens.authenticate(request.headers);
    const models = (await context.routes.listPublicModels()).filter((model) => isModelAllowed(token, model.name));
    const body = anthropicShape ? toAnthropicModelPage(models, new URL(request.url).searchParams) : toOpenAIModelList(models);
    return Response.json(body, { headers: exchange.responseHeaders() });
  } catch (error) {
    return answerError(exchange, error, context.log);
  }
}

function wantsAnthropicShape(headers: Headers): boolean {
  if (headers.has('anthropic-version')) return true;
  return headers.has('x-api-key') && !headers.has('authorization');
}
