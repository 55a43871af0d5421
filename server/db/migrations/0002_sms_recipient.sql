ALTER TABLE "sms_codes" ADD COLUMN "recipient_hash" text;--> statement-breakpoint
CREATE INDEX "sms_codes_recipient_idx" ON "sms_codes" USING btree ("recipient_hash","created_at");