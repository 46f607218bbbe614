import { randomBytes } from 'node:crypto';
import { createApiSession, hashPassword, type SessionUser } from '../../lib/auth';
import { db, type Role } from '../../lib/db';

export type TestUser = SessionUser & { password: string; token: string; headers: Record<string, string> };

/** A user of the given role with a fresh bearer session, under a unique name so test files never collide. */
export async function createTestUser(role: Role, options: { password?: string } = {}): Promise<TestUser> {
  const username = `${role}-${randomBytes(5).toString('hex')}`;
  const password = options.password ?? `pw-${randomBytes(8).toString('hex')}`;
  const user = await db.user.create({
    data: { username, name: username, role, passwordHash: await hashPassword(password) },
  });
  const { token } = await createApiSession(user.id);
  return {
    id: user.id,
    username,
    name: user.name,
    role,
    password,
    token,
    headers: { authorization: `Bearer ${token}` },
  };
}
