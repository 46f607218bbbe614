import { otherMethods } from '@/lib/api';
import { apiRoute } from '@/lib/server';
import { getCatalogueDefaults } from '@/lib/ai-models/catalogue-defaults';
import { catalogueQuery } from '@/lib/ai-models/schemas';

export const dynamic = 'force-dynamic';

// GET /api/v1/ai-models/catalogue?provider_id&provider_model_name – the prices and profile a new route would get
export const GET = apiRoute({ query: catalogueQuery }, ({ query }) => getCatalogueDefaults(query));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
