import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { getConfig } from '../config';
import { db, Prisma } from '../db';
import { processLogger } from '../log';
import { hashPassword } from './password';
import { passwordProblem } from './password-policy';

const ADMIN_USERNAME = 'admin';
/** Where a generated admin password is left for the operator: a file only the server's user can read, never the log. */
const GENERATED_PASSWORD_FILE = 'admin-password';

/**
 * On a database without users, creates `admin` with ADMIN_PASSWORD, or with a generated password written to
 * <data dir>/admin-password (mode 0600). Later starts find the user and change nothing.
 */
export async function ensureAdminUser(): Promise<void> {
  if ((await db.user.count()) > 0) return;
  const { ADMIN_PASSWORD: configured, dataDir } = getConfig();
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
    processLogger.info(`created user "${ADMIN_USERNAME}" with the password from ADMIN_PASSWORD`);
    const problem = passwordProblem(configured, { role: 'admin', username: ADMIN_USERNAME });
    if (problem) processLogger.warn(`ADMIN_PASSWORD ${problem}; change it after signing in`);
    return;
  }
  const file = path.join(dataDir, GENERATED_PASSWORD_FILE);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  processLogger.info(`created user "${ADMIN_USERNAME}"; its password is in ${file} (read it, sign in, change it, delete the file)`);
}
