-- Monthly budgets without a SUM over the usage table (lib/gateway/access/spend-guard.ts). spend_counters holds
-- what each token and each user ('token:<id>', 'user:<id>') spent per calendar month (UTC), added to in the same
-- statement that writes the usage rows. spend_reservations holds the estimated cost of requests in flight, taken
-- before the upstream call and deleted by that same statement once the request's usage row is written.
CREATE TABLE "spend_counters" (
    "spender" TEXT NOT NULL,
    "month" DATE NOT NULL,
    "spent" DECIMAL(20,10) NOT NULL DEFAULT 0,
    CONSTRAINT "spend_counters_pkey" PRIMARY KEY ("spender", "month")
);

CREATE TABLE "spend_reservations" (
    "request_id" TEXT NOT NULL,
    "spenders" TEXT[],
    "amount" DECIMAL(20,10) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "spend_reservations_pkey" PRIMARY KEY ("request_id")
);
CREATE INDEX "spend_reservations_spenders_idx" ON "spend_reservations" USING GIN ("spenders");

-- What was spent so far this month and before, from the rows already written.
INSERT INTO "spend_counters" ("spender", "month", "spent")
SELECT 'token:' || "user_token_id", date_trunc('month', "day")::date, SUM("total_cost")
FROM "usage" WHERE "user_token_id" IS NOT NULL GROUP BY 1, 2;
INSERT INTO "spend_counters" ("spender", "month", "spent")
SELECT 'user:' || "user_id", date_trunc('month', "day")::date, SUM("total_cost")
FROM "usage" WHERE "user_id" IS NOT NULL GROUP BY 1, 2;
