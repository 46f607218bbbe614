import { AppError, type FieldError } from '../errors';
import type { User } from '../db';

// A user's limits bind every token they hold: on /v1 both the token's and its owner's apply. A token's own
// limits may only narrow its owner's, so nobody can mint themselves a wider token than an admin allowed them.
// Where a token leaves a limit unset it has exactly its owner's.

export type Limits = { allowedModels: string[]; rpmLimit: number | null; monthlyBudget: number | null };

export function limitsOf(user: Pick<User, 'allowedModels' | 'rpmLimit' | 'monthlyBudget'>): Limits {
  return {
    allowedModels: user.allowedModels,
    rpmLimit: user.rpmLimit,
    monthlyBudget: user.monthlyBudget === null ? null : Number(user.monthlyBudget),
  };
}

/** The first limit of `token` that is wider than its owner's, by the admin API's field name. */
function widerThanOwner(token: Limits, owner: Limits): FieldError | null {
  if (owner.allowedModels.length > 0) {
    const outside = token.allowedModels.filter((name) => !owner.allowedModels.includes(name));
    if (outside.length > 0) {
      return { field: 'allowed_models', message: `allowed_models may only name models the owner may use; not ${outside.map((name) => `"${name}"`).join(', ')}` };
    }
  }
  if (owner.rpmLimit !== null && token.rpmLimit !== null && token.rpmLimit > owner.rpmLimit) {
    return { field: 'rpm_limit', message: `rpm_limit may be at most the owner's ${owner.rpmLimit}` };
  }
  if (owner.monthlyBudget !== null && token.monthlyBudget !== null && token.monthlyBudget > owner.monthlyBudget) {
    return { field: 'monthly_budget', message: `monthly_budget may be at most the owner's ${owner.monthlyBudget}` };
  }
  return null;
}

/** 403 naming the field when a token would be wider than its owner's limits. */
export function assertWithinOwnerLimits(token: Limits, owner: Limits): void {
  const wider = widerThanOwner(token, owner);
  if (wider) throw new AppError(403, wider.message, { errors: [wider] });
}
