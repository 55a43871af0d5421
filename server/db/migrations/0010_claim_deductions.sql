ALTER TABLE "claims" ADD COLUMN "deductions" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "reject_reason" text;--> statement-breakpoint
UPDATE "claims" SET "reject_reason" = (SELECT e."note" FROM "claim_events" e WHERE e."claim_id" = "claims"."id" AND e."stage" = 'rejected' ORDER BY e."occurred_at" DESC, e."id" DESC LIMIT 1) WHERE "stage" = 'rejected';--> statement-breakpoint
UPDATE "claims" SET "deductions" = jsonb_build_array(jsonb_build_object('kind', 'other', 'amountFen', "claimed_fen" - "approved_fen")) WHERE "approved_fen" IS NOT NULL AND "approved_fen" < "claimed_fen";
