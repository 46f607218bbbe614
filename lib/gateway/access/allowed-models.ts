import { GatewayError } from '../request/gateway-error';
import type { AuthenticatedToken } from './token-store';

/** Whether the token's allow-list and its owner's (an empty one allows every model) both name the model. */
export function isModelAllowed(token: AuthenticatedToken, model: string): boolean {
  return [token.allowedModels, token.owner.allowedModels].every((allowed) => allowed.length === 0 || allowed.includes(model));
}

/** 403 when the token may not use the model. */
export function assertModelAllowed(token: AuthenticatedToken, model: string): void {
  if (!isModelAllowed(token, model)) {
    throw new GatewayError(403, `This API key is not allowed to use model "${model}"`, 'permission');
  }
}
