import 'server-only';
import type { SessionUser } from '../auth/session-user';
import { db } from '../db';
import { findVisibleUserToken } from './find-visible-user-token';
import { presentUserToken, type UserTokenDto } from './to-user-token-dto';

export async function getUserToken({ actor, id }: { actor: SessionUser; id: number }): Promise<UserTokenDto> {
  return presentUserToken(await findVisibleUserToken(db, actor, id));
}
