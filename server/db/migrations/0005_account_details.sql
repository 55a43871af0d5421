CREATE TABLE "access_logs" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "access_logs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"person_id" bigint NOT NULL,
	"session_id" bigint,
	"resource" text NOT NULL,
	"resource_id" text,
	"actor" text DEFAULT 'self' NOT NULL,
	"channel" text,
	"scene" text,
	"at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "claim_subscriptions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "claim_subscriptions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"person_id" bigint NOT NULL,
	"claim_id" bigint NOT NULL,
	"identity_id" bigint NOT NULL,
	"template_id" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"used_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "disputes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "disputes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"person_id" bigint NOT NULL,
	"settlement_id" bigint NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"note" text,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
DROP INDEX "claims_person_idx";--> statement-breakpoint
ALTER TABLE "settlements" ADD COLUMN "anomalies" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "access_logs" ADD CONSTRAINT "access_logs_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_subscriptions" ADD CONSTRAINT "claim_subscriptions_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_subscriptions" ADD CONSTRAINT "claim_subscriptions_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_subscriptions" ADD CONSTRAINT "claim_subscriptions_identity_id_platform_identities_id_fk" FOREIGN KEY ("identity_id") REFERENCES "public"."platform_identities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_settlement_id_settlements_id_fk" FOREIGN KEY ("settlement_id") REFERENCES "public"."settlements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "access_logs_person_at_idx" ON "access_logs" USING btree ("person_id","at");--> statement-breakpoint
CREATE INDEX "claim_subscriptions_claim_idx" ON "claim_subscriptions" USING btree ("claim_id","used_at");--> statement-breakpoint
CREATE INDEX "disputes_settlement_idx" ON "disputes" USING btree ("settlement_id","created_at");--> statement-breakpoint
CREATE INDEX "disputes_person_idx" ON "disputes" USING btree ("person_id","created_at");--> statement-breakpoint
CREATE INDEX "settlements_person_type_time_idx" ON "settlements" USING btree ("person_id","visit_type","settled_at","id");--> statement-breakpoint
CREATE INDEX "settlements_person_institution_time_idx" ON "settlements" USING btree ("person_id","institution_id","settled_at","id");--> statement-breakpoint
CREATE INDEX "claims_person_idx" ON "claims" USING btree ("person_id","submitted_at","id");