import 'server-only';
import { notFound } from '../errors';
import type { Prisma } from '../db';

/** A route must point at a real provider: 404 naming the id, rather than a foreign key error. */
export async function assertProviderExists(tx: Prisma.TransactionClient, providerId: number): Promise<void> {
  const provider = await tx.provider.findUnique({ where: { id: providerId }, select: { id: true } });
  if (!provider) throw notFound(`provider ${providerId}`);
}

export const duplicateRouteMessage = (name: string | undefined, providerId: number | undefined) =>
  name && providerId
    ? `A model route named "${name}" already exists on provider ${providerId}`
    : 'A model route with this name already exists on this provider';
