-- Per-user limits (lib/users/user-limits.ts): what every token of the user is held to on /v1, on top of the
-- token's own. An empty list allows every model; NULL sets no limit.
ALTER TABLE "users" ADD COLUMN "allowed_models" TEXT[] DEFAULT ARRAY[]::TEXT[];
ALTER TABLE "users" ADD COLUMN "rpm_limit" INTEGER;
ALTER TABLE "users" ADD COLUMN "monthly_budget" DECIMAL(14,6);
