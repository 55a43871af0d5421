CREATE TABLE "institution_entries" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "institution_entries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"institution_id" bigint NOT NULL,
	"code" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "share_grants" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "share_grants_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"person_id" bigint NOT NULL,
	"claim_id" bigint NOT NULL,
	"token_hash" text NOT NULL,
	"recipient_label" text,
	"show_amounts" boolean DEFAULT false NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"revoked_at" timestamp (3) with time zone,
	"view_count" integer DEFAULT 0 NOT NULL,
	"last_viewed_at" timestamp (3) with time zone
);
--> statement-breakpoint
ALTER TABLE "access_logs" ADD COLUMN "share_grant_id" bigint;--> statement-breakpoint
ALTER TABLE "institutions" ADD COLUMN "address" text;--> statement-breakpoint
ALTER TABLE "institutions" ADD COLUMN "designated" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "institutions" ADD COLUMN "desk_place" text;--> statement-breakpoint
ALTER TABLE "institutions" ADD COLUMN "desk_hours" text;--> statement-breakpoint
ALTER TABLE "institutions" ADD COLUMN "desk_phone" text;--> statement-breakpoint
ALTER TABLE "institutions" ADD COLUMN "claim_materials" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "institution_entries" ADD CONSTRAINT "institution_entries_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "share_grants" ADD CONSTRAINT "share_grants_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "share_grants" ADD CONSTRAINT "share_grants_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "institution_entries_code_key" ON "institution_entries" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "institution_entries_live_key" ON "institution_entries" USING btree ("institution_id") WHERE revoked_at is null;--> statement-breakpoint
CREATE UNIQUE INDEX "share_grants_token_hash_key" ON "share_grants" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "share_grants_person_idx" ON "share_grants" USING btree ("person_id","created_at");