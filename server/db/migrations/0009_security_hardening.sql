ALTER TABLE "sms_codes" ADD COLUMN "requester_hash" text;--> statement-breakpoint
CREATE INDEX "bindings_unfinished_expires_idx" ON "bindings" USING btree ("expires_at") WHERE completed_at is null;--> statement-breakpoint
CREATE INDEX "dev_sms_outbox_sent_idx" ON "dev_sms_outbox" USING btree ("sent_at");--> statement-breakpoint
CREATE INDEX "leases_expires_idx" ON "leases" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "password_attempts_updated_idx" ON "password_attempts" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "rate_limits_reset_idx" ON "rate_limits" USING btree ("reset_at");--> statement-breakpoint
CREATE INDEX "sessions_expires_idx" ON "sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "sessions_revoked_idx" ON "sessions" USING btree ("revoked_at") WHERE revoked_at is not null;--> statement-breakpoint
CREATE INDEX "share_grants_expires_idx" ON "share_grants" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "share_grants_revoked_idx" ON "share_grants" USING btree ("revoked_at") WHERE revoked_at is not null;--> statement-breakpoint
CREATE INDEX "sms_codes_requester_idx" ON "sms_codes" USING btree ("requester_hash","recipient_hash","created_at");--> statement-breakpoint
CREATE INDEX "sms_codes_created_idx" ON "sms_codes" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "soter_challenges_expires_idx" ON "soter_challenges" USING btree ("expires_at");