import { idParam, otherMethods } from '@/lib/api';
import { apiRoute } from '@/lib/server';
import { resetUserPassword } from '@/lib/users/reset-user-password';
import { resetPasswordBody } from '@/lib/users/schemas';

export const dynamic = 'force-dynamic';

// PUT /api/v1/users/{id}/password – set a new password for a user and end their bearer sessions (admin)
export const PUT = apiRoute({ body: resetPasswordBody, invalidates: 'user-tokens' }, ({ user, params, body }) =>
  resetUserPassword({ actor: user, id: idParam(params, 'user'), input: body }),
);

export const { GET, POST, PATCH, DELETE, OPTIONS } = otherMethods('PUT');
