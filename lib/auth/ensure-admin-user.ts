import { randomBytes } from 'node:crypto';
import { getConfig } from '../config';
import { db, Prisma } from '../db';
import { hashPassword } from './password';
import { passwordProblem } from './password-policy';

const ADMIN_USERNAME = 'admin';

/**
 * On a database without users, creates `admin` with ADMIN_PASSWORD, or with a generated password printed
 * once to the log. Later starts find the user and change nothing.
 */
export async function ensureAdminUser(): Promise<void> {
  if ((await db.user.count()) > 0) return;
  const configured = getConfig().ADMIN_PASSWORD;
  const password = configured ?? randomBytes(18).toString('base64url');
  try {
    await db.user.create({
      data: { username: ADMIN_USERNAME, name: 'Administrator', role: 'admin', passwordHash: await hashPassword(password) },
    });
  } catch (error) {
    // Another instance starting at the same moment created it first.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') return;
    throw error;
  }
  if (configured) {
    console.log(`[axongate] created user "${ADMIN_USERNAME}" with the password from ADMIN_PASSWORD`);
    const problem = passwordProblem(configured, { role: 'admin', username: ADMIN_USERNAME });
    if (problem) console.warn(`[axongate] ADMIN_PASSWORD ${problem}; change it after signing in`);
  }
  else console.log(`[axongate] created user "${ADMIN_USERNAME}" with password: ${password}  (shown once; change it after signing in)`);
}
