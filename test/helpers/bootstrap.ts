import { syncDefaultPolicies } from '../../lib/rbac';

let policiesReady: Promise<void> | undefined;

/** The casbin policies every authorized route needs; loaded once per test file. */
export function ensurePolicies(): Promise<void> {
  policiesReady ??= syncDefaultPolicies();
  return policiesReady;
}
