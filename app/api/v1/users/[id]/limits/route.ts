import { idParam, otherMethods } from '@/lib/api';
import { apiRoute } from '@/lib/server';
import { userLimitsBody } from '@/lib/users/schemas';
import { setUserLimits } from '@/lib/users/set-user-limits';

export const dynamic = 'force-dynamic';

// PUT /api/v1/users/{id}/limits – allowed models, rpm and monthly budget for every token of the user (admin; manager for user-role accounts)
export const PUT = apiRoute({ body: userLimitsBody, invalidates: 'user-tokens' }, ({ user, params, body }) =>
  setUserLimits({ actor: user, id: idParam(params, 'user'), input: body }),
);

export const { GET, POST, PATCH, DELETE, OPTIONS } = otherMethods('PUT');
