import { newEnforcer, newModelFromString, type Adapter, type Enforcer, type Model } from 'casbin';
import { db } from '../db';
import { DEFAULT_POLICIES } from './default-policies';
import { RBAC_MODEL } from './model';

/** Reads the policies from the `casbin_rule` table; they are written by syncDefaultPolicies, not by casbin. */
class CasbinRuleAdapter implements Adapter {
  async loadPolicy(model: Model): Promise<void> {
    const rows = await db.casbinRule.findMany({ orderBy: { id: 'asc' } });
    for (const row of rows) {
      const values = [row.v0, row.v1, row.v2, row.v3, row.v4, row.v5].filter((value): value is string => value !== null);
      model.addPolicy(row.ptype[0], row.ptype, values);
    }
  }

  private refuseWrites(): never {
    throw new Error('casbin policies are managed by syncDefaultPolicies');
  }
  savePolicy(): Promise<boolean> {
    this.refuseWrites();
  }
  addPolicy(): Promise<void> {
    this.refuseWrites();
  }
  removePolicy(): Promise<void> {
    this.refuseWrites();
  }
  removeFilteredPolicy(): Promise<void> {
    this.refuseWrites();
  }
}

const POLICY_SYNC_LOCK_KEY = 7270736902;

/** Answers "may this role call this method on this path", from the policies stored in the database. */
export class RoleAuthorizer {
  private enforcer: Promise<Enforcer> | undefined;

  async can(role: string, path: string, method: string): Promise<boolean> {
    this.enforcer ??= newEnforcer(newModelFromString(RBAC_MODEL), new CasbinRuleAdapter()).catch((error) => {
      this.enforcer = undefined;
      throw error;
    });
    return (await this.enforcer).enforce(role, path, method.toUpperCase());
  }
}

/**
 * Makes the stored policies exactly the defaults, in one transaction. Run at every start (before the first
 * request loads them), so a release that changes the policies takes effect on upgrade.
 */
export async function syncDefaultPolicies(): Promise<void> {
  const rows = DEFAULT_POLICIES.map(([ptype, v0, v1, v2]) => ({ ptype, v0, v1, v2: v2 ?? null }));
  await db.$transaction([
    // Instances starting together would otherwise interleave their delete and insert and double the rows.
    db.$executeRaw`SELECT pg_advisory_xact_lock(${POLICY_SYNC_LOCK_KEY})`,
    db.casbinRule.deleteMany(),
    db.casbinRule.createMany({ data: rows }),
  ]);
}
