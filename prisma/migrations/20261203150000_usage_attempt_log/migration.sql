-- Every upstream attempt of a request (route, status, reason, timings) for the Usage page's request detail.
ALTER TABLE "usage" ADD COLUMN "attempt_log" JSONB;
