-- A provider key turned off because its provider's api_url or model_type changed: it was entered for another
-- address and may never be sent to the new one, so it cannot be turned on again (enter the key anew instead).
ALTER TABLE "provider_tokens" ADD COLUMN "retired_at" TIMESTAMPTZ(3);
