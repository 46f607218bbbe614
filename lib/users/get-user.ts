import 'server-only';
import { notFound } from '../errors';
import { db } from '../db';
import { presentUser, type UserDto } from './to-user-dto';

export async function getUser({ id }: { id: number }): Promise<UserDto> {
  const user = await db.user.findUnique({ where: { id } });
  if (!user) throw notFound(`user ${id}`);
  return presentUser(user);
}
