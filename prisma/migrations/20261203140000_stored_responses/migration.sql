-- Responses API answers of converted routes kept for previous_response_id and GET /v1/responses/{id}
-- (lib/gateway/responses/stored-responses.ts): the conversation the answer was made from, and the answer.
CREATE TABLE "stored_responses" (
    "id" TEXT NOT NULL,
    "user_token_id" INTEGER NOT NULL,
    "conversation" JSONB NOT NULL,
    "response" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "stored_responses_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "stored_responses_user_token_id_idx" ON "stored_responses"("user_token_id");
CREATE INDEX "stored_responses_expires_at_idx" ON "stored_responses"("expires_at");
ALTER TABLE "stored_responses" ADD CONSTRAINT "stored_responses_user_token_id_fkey" FOREIGN KEY ("user_token_id") REFERENCES "user_tokens"("id") ON DELETE CASCADE ON UPDATE CASCADE;
