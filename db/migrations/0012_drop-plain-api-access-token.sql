DROP INDEX "users_api_access_token_key";--> statement-breakpoint
ALTER TABLE "users" DROP COLUMN "api_access_token";