CREATE SCHEMA "inventory";
--> statement-breakpoint
CREATE TABLE "inventory"."batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"sku" text NOT NULL,
	"warehouse_id" uuid NOT NULL,
	"expires_on" date,
	"quantity" integer NOT NULL,
	"remaining" integer NOT NULL,
	"reserved" integer DEFAULT 0 NOT NULL,
	"received_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"received_by" text,
	CONSTRAINT "batches_quantity_positive" CHECK ("inventory"."batches"."quantity" > 0),
	CONSTRAINT "batches_never_oversold" CHECK ("inventory"."batches"."reserved" <= "inventory"."batches"."remaining" and "inventory"."batches"."reserved" >= 0 and "inventory"."batches"."remaining" >= 0)
);
--> statement-breakpoint
CREATE TABLE "inventory"."category_thresholds" (
	"category_id" uuid PRIMARY KEY NOT NULL,
	"near_expiry_days" integer NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "category_thresholds_nonnegative" CHECK ("inventory"."category_thresholds"."near_expiry_days" >= 0)
);
--> statement-breakpoint
CREATE TABLE "inventory"."dead_letters" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"consumer" text NOT NULL,
	"topic" text NOT NULL,
	"partition" integer NOT NULL,
	"offset" text NOT NULL,
	"key" text,
	"payload" text NOT NULL,
	"error" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inventory"."movements" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"sku" text NOT NULL,
	"warehouse_id" uuid NOT NULL,
	"batch_id" uuid,
	"reservation_id" uuid,
	"kind" text NOT NULL,
	"quantity" integer NOT NULL,
	"on_hand_delta" integer NOT NULL,
	"reserved_delta" integer NOT NULL,
	"reason" text,
	"actor_id" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "movements_quantity_positive" CHECK ("inventory"."movements"."quantity" > 0),
	CONSTRAINT "movements_kind_known" CHECK ("inventory"."movements"."kind" in ('receipt', 'reservation', 'release', 'sale', 'adjustment', 'expiry_write_off'))
);
--> statement-breakpoint
CREATE TABLE "inventory"."outbox" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"id" uuid NOT NULL,
	"topic" text NOT NULL,
	"key" text NOT NULL,
	"type" text NOT NULL,
	"envelope" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp (3) with time zone,
	CONSTRAINT "outbox_id_unique" UNIQUE("id")
);
--> statement-breakpoint
CREATE TABLE "inventory"."processed_events" (
	"consumer" text NOT NULL,
	"event_id" uuid NOT NULL,
	"processed_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "processed_events_consumer_event_id_pk" PRIMARY KEY("consumer","event_id")
);
--> statement-breakpoint
CREATE TABLE "inventory"."products" (
	"id" uuid PRIMARY KEY NOT NULL,
	"vendor_id" uuid NOT NULL,
	"category_id" uuid NOT NULL,
	"name_vi" text NOT NULL,
	"name_en" text NOT NULL,
	"status" text DEFAULT 'ACTIVE' NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inventory"."reservation_allocations" (
	"reservation_id" uuid NOT NULL,
	"batch_id" uuid NOT NULL,
	"quantity" integer NOT NULL,
	CONSTRAINT "reservation_allocations_reservation_id_batch_id_pk" PRIMARY KEY("reservation_id","batch_id"),
	CONSTRAINT "reservation_allocations_positive" CHECK ("inventory"."reservation_allocations"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "inventory"."reservation_requests" (
	"saga_id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"outcome" text NOT NULL,
	"reply" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inventory"."reservations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"saga_id" text NOT NULL,
	"order_id" text NOT NULL,
	"line_id" text NOT NULL,
	"sku" text NOT NULL,
	"requested_sku" text NOT NULL,
	"warehouse_id" uuid NOT NULL,
	"quantity" integer NOT NULL,
	"status" text DEFAULT 'ACTIVE' NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp (3) with time zone,
	CONSTRAINT "reservations_quantity_positive" CHECK ("inventory"."reservations"."quantity" > 0),
	CONSTRAINT "reservations_status_known" CHECK ("inventory"."reservations"."status" in ('ACTIVE', 'RELEASED', 'EXPIRED', 'COMMITTED'))
);
--> statement-breakpoint
CREATE TABLE "inventory"."sku_thresholds" (
	"sku" text PRIMARY KEY NOT NULL,
	"low_stock" integer,
	"near_expiry_days" integer,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sku_thresholds_low_stock_nonnegative" CHECK ("inventory"."sku_thresholds"."low_stock" >= 0),
	CONSTRAINT "sku_thresholds_near_expiry_nonnegative" CHECK ("inventory"."sku_thresholds"."near_expiry_days" >= 0)
);
--> statement-breakpoint
CREATE TABLE "inventory"."skus" (
	"sku" text PRIMARY KEY NOT NULL,
	"product_id" uuid NOT NULL,
	"removed" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inventory"."stock_levels" (
	"sku" text NOT NULL,
	"warehouse_id" uuid NOT NULL,
	"on_hand" integer DEFAULT 0 NOT NULL,
	"reserved" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stock_levels_sku_warehouse_id_pk" PRIMARY KEY("sku","warehouse_id"),
	CONSTRAINT "stock_levels_never_oversold" CHECK ("inventory"."stock_levels"."reserved" <= "inventory"."stock_levels"."on_hand" and "inventory"."stock_levels"."reserved" >= 0 and "inventory"."stock_levels"."on_hand" >= 0)
);
--> statement-breakpoint
CREATE TABLE "inventory"."substitutes" (
	"sku" text NOT NULL,
	"position" integer NOT NULL,
	"alternative_sku" text NOT NULL,
	CONSTRAINT "substitutes_sku_position_pk" PRIMARY KEY("sku","position"),
	CONSTRAINT "substitutes_not_itself" CHECK ("inventory"."substitutes"."sku" <> "inventory"."substitutes"."alternative_sku")
);
--> statement-breakpoint
CREATE TABLE "inventory"."warehouses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"region" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "warehouses_region_known" CHECK ("inventory"."warehouses"."region" in ('HA_NOI', 'HO_CHI_MINH'))
);
--> statement-breakpoint
ALTER TABLE "inventory"."batches" ADD CONSTRAINT "batches_warehouse_id_warehouses_id_fk" FOREIGN KEY ("warehouse_id") REFERENCES "inventory"."warehouses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory"."movements" ADD CONSTRAINT "movements_warehouse_id_warehouses_id_fk" FOREIGN KEY ("warehouse_id") REFERENCES "inventory"."warehouses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory"."movements" ADD CONSTRAINT "movements_batch_id_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "inventory"."batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory"."reservation_allocations" ADD CONSTRAINT "reservation_allocations_reservation_id_reservations_id_fk" FOREIGN KEY ("reservation_id") REFERENCES "inventory"."reservations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory"."reservation_allocations" ADD CONSTRAINT "reservation_allocations_batch_id_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "inventory"."batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory"."reservations" ADD CONSTRAINT "reservations_warehouse_id_warehouses_id_fk" FOREIGN KEY ("warehouse_id") REFERENCES "inventory"."warehouses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory"."stock_levels" ADD CONSTRAINT "stock_levels_warehouse_id_warehouses_id_fk" FOREIGN KEY ("warehouse_id") REFERENCES "inventory"."warehouses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "batches_stock_idx" ON "inventory"."batches" USING btree ("sku","warehouse_id","expires_on");--> statement-breakpoint
CREATE INDEX "movements_stock_idx" ON "inventory"."movements" USING btree ("sku","warehouse_id","id");--> statement-breakpoint
CREATE INDEX "movements_reservation_idx" ON "inventory"."movements" USING btree ("reservation_id");--> statement-breakpoint
CREATE INDEX "outbox_unpublished_idx" ON "inventory"."outbox" USING btree ("seq") WHERE published_at is null;--> statement-breakpoint
CREATE INDEX "reservations_saga_idx" ON "inventory"."reservations" USING btree ("saga_id");--> statement-breakpoint
CREATE INDEX "reservations_due_idx" ON "inventory"."reservations" USING btree ("expires_at") WHERE status = 'ACTIVE';--> statement-breakpoint
CREATE INDEX "skus_product_idx" ON "inventory"."skus" USING btree ("product_id");--> statement-breakpoint
CREATE UNIQUE INDEX "substitutes_alternative_key" ON "inventory"."substitutes" USING btree ("sku","alternative_sku");--> statement-breakpoint
CREATE UNIQUE INDEX "warehouses_code_key" ON "inventory"."warehouses" USING btree ("code");