-- One provider may carry several routes of one public name (model-level fallback: sonnet, then haiku on the
-- same provider) as long as each calls a different provider model.
DROP INDEX "ai_models_name_provider_id_key";
CREATE UNIQUE INDEX "ai_models_name_provider_id_provider_model_name_key" ON "ai_models"("name", "provider_id", "provider_model_name");
