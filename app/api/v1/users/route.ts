import { otherMethods } from '@/lib/api';
import { apiRoute } from '@/lib/server';
import { createUser } from '@/lib/users/create-user';
import { listUsers } from '@/lib/users/list-users';
import { createUserBody, listUsersQuery } from '@/lib/users/schemas';

export const dynamic = 'force-dynamic';

// GET /api/v1/users – list users, paginated, `?role&search` to filter
export const GET = apiRoute({ query: listUsersQuery }, ({ query }) => listUsers(query));

// POST /api/v1/users – create a user (admin)
export const POST = apiRoute({ body: createUserBody, invalidates: 'user-tokens' }, ({ user, body }) => createUser({ actor: user, input: body }));

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET', 'POST');
