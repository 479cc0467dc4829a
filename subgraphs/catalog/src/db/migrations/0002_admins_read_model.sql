CREATE TABLE "catalog"."admins" (
	"id" uuid PRIMARY KEY NOT NULL,
	"active" boolean NOT NULL,
	"as_of" timestamp (3) with time zone DEFAULT 'epoch' NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "catalog"."products_vendor_idx";--> statement-breakpoint
ALTER TABLE "catalog"."vendors" ADD COLUMN "as_of" timestamp (3) with time zone DEFAULT 'epoch' NOT NULL;--> statement-breakpoint
CREATE INDEX "products_vendor_idx" ON "catalog"."products" USING btree ("vendor_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);