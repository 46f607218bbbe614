-- AlterTable
ALTER TABLE "providers" ADD COLUMN "inline_image_urls" BOOLEAN NOT NULL DEFAULT false;
