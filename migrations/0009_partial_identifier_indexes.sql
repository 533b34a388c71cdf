DROP INDEX `items_serial`;--> statement-breakpoint
DROP INDEX `items_imei`;--> statement-breakpoint
DROP INDEX `items_chassis`;--> statement-breakpoint
DROP INDEX `items_plate`;--> statement-breakpoint
CREATE INDEX `items_serial` ON `tradein_items` (`serial_norm`) WHERE "tradein_items"."serial_norm" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `items_imei` ON `tradein_items` (`imei_norm`) WHERE "tradein_items"."imei_norm" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `items_chassis` ON `tradein_items` (`chassis_norm`) WHERE "tradein_items"."chassis_norm" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `items_plate` ON `tradein_items` (`plate_norm`) WHERE "tradein_items"."plate_norm" IS NOT NULL;