import { idParam, otherMethods } from '@/lib/api';
import { apiRoute, serverRuntime } from '@/lib/server';
import { testProviderBody } from '@/lib/providers/schemas';
import { testProvider } from '@/lib/providers/test-provider';

export const dynamic = 'force-dynamic';

// POST /api/v1/providers/{id}/test – a real cheap call through the provider (`{model?}`): status, latency, a short error
export const POST = apiRoute({ body: testProviderBody }, ({ params, body }) =>
  testProvider({ id: idParam(params, 'provider'), input: body, providerHosts: serverRuntime().providerHosts }),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
