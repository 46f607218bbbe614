import { GatewayError } from '../request/gateway-error';
import type { AuthenticatedToken } from './token-store';

/** Whether the token's allow-list (empty = every model) names the model. */
export function isModelAllowed(token: AuthenticatedToken, model: string): boolean {
  return token.allowedModels.length === 0 || token.allowedModels.includes(model);
}

/** 403 when the token may not use the model. */
export function assertModelAllowed(token: AuthenticatedToken, model: string): void {
  if (!isModelAllowed(token, model)) {
    throw new GatewayError(403, `This API key is not allowed to use model "${model}"`, 'permission');
  }
}
