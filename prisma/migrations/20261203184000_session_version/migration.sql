-- Session revocation by a counter the session token carries (lib/auth/session-token.mjs):
-- signing out everywhere, a password reset, a ban or a role change add one, and every
-- session that carries another number is over. It replaces sessions_revoked_at (a
-- timestamp compared with the token's sign-in time). Accounts whose sessions a reset had
-- revoked start at 1, so the tokens from before it (which carry no number: 0) stay over;
-- the price is one more sign-in for sessions begun after that reset.
-- AlterTable
ALTER TABLE "users" ADD COLUMN     "session_version" INTEGER NOT NULL DEFAULT 0;
UPDATE "users" SET "session_version" = 1 WHERE "sessions_revoked_at" IS NOT NULL;
ALTER TABLE "users" DROP COLUMN "sessions_revoked_at";
