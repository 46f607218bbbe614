-- Capability profiles: the admin's per-field overrides of what the catalogue and the host say a model takes
-- (lib/catalogue), on the provider (for every route of it) and on the route. Empty objects override nothing.
ALTER TABLE "providers" ADD COLUMN "capability_overrides" JSONB NOT NULL DEFAULT '{}';
ALTER TABLE "ai_models" ADD COLUMN "capability_overrides" JSONB NOT NULL DEFAULT '{}';
-- Price of cache writes (Anthropic cache creation); NULL bills them at the input price, as before.
ALTER TABLE "ai_models" ADD COLUMN "cache_write_price" DECIMAL(14,6);
