import { idParam, otherMethods } from '@/lib/api';
import { apiRoute } from '@/lib/server';
import { deleteUser } from '@/lib/users/delete-user';
import { getUser } from '@/lib/users/get-user';
import { updateUserBody } from '@/lib/users/schemas';
import { updateUser } from '@/lib/users/update-user';

export const dynamic = 'force-dynamic';

// GET /api/v1/users/{id} – one user
export const GET = apiRoute({}, ({ params }) => getUser({ id: idParam(params, 'user') }));

// PUT /api/v1/users/{id} – change email, name, role or disabled (admin)
export const PUT = apiRoute({ body: updateUserBody, invalidates: 'user-tokens' }, ({ user, params, body }) =>
  updateUser({ actor: user, id: idParam(params, 'user'), input: body }),
);

// DELETE /api/v1/users/{id} – delete a user with their tokens (admin)
export const DELETE = apiRoute({ invalidates: 'user-tokens' }, ({ user, params }) => deleteUser({ actor: user, id: idParam(params, 'user') }));

export const { POST, PATCH, OPTIONS } = otherMethods('GET', 'PUT', 'DELETE');
