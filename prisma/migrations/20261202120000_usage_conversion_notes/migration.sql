-- What converting a request dropped or changed (seed, top_k, thinking…), kept with its usage row; NULL for none.
ALTER TABLE "usage" ADD COLUMN "conversion_notes" TEXT[];
