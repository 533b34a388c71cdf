CREATE TABLE `blocks` (
	`id` text PRIMARY KEY NOT NULL,
	`store_id` text NOT NULL,
	`tradein_id` text,
	`item_id` text,
	`kind` text NOT NULL,
	`blocks_completion` integer NOT NULL,
	`blocks_disposal` integer NOT NULL,
	`status` text NOT NULL,
	`reason` text,
	`source_id` text,
	`active_until` text,
	`resolution` text,
	`resolution_note` text,
	`created_by` text,
	`created_at` text NOT NULL,
	`resolved_by` text,
	`resolved_at` text,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`tradein_id`) REFERENCES `tradeins`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`item_id`) REFERENCES `tradein_items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resolved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `blocks_tradein` ON `blocks` (`tradein_id`,`status`);--> statement-breakpoint
CREATE INDEX `blocks_item` ON `blocks` (`item_id`,`status`);--> statement-breakpoint
CREATE INDEX `blocks_store` ON `blocks` (`store_id`,`status`);--> statement-breakpoint
CREATE TABLE `customers` (
	`id` text PRIMARY KEY NOT NULL,
	`store_id` text NOT NULL,
	`name` text NOT NULL,
	`kana_name` text,
	`address` text,
	`occupation` text,
	`date_of_birth` text,
	`contact` text,
	`name_norm` text NOT NULL,
	`anonymized_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `customers_name_dob` ON `customers` (`name_norm`,`date_of_birth`);--> statement-breakpoint
CREATE INDEX `customers_store` ON `customers` (`store_id`);--> statement-breakpoint
CREATE TABLE `disposals` (
	`id` text PRIMARY KEY NOT NULL,
	`store_id` text NOT NULL,
	`item_id` text NOT NULL,
	`kind` text NOT NULL,
	`business_date` text NOT NULL,
	`price` integer NOT NULL,
	`ledger_required` integer NOT NULL,
	`buyer_customer_id` text,
	`buyer_name` text,
	`buyer_address` text,
	`buyer_occupation` text,
	`buyer_date_of_birth` text,
	`created_by` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`item_id`) REFERENCES `tradein_items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`buyer_customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `disposals_store_date` ON `disposals` (`store_id`,`business_date`);--> statement-breakpoint
CREATE INDEX `disposals_item` ON `disposals` (`item_id`);--> statement-breakpoint
CREATE TABLE `tradein_items` (
	`id` text PRIMARY KEY NOT NULL,
	`tradein_id` text NOT NULL,
	`store_id` text NOT NULL,
	`line_no` integer NOT NULL,
	`category` text NOT NULL,
	`designation` text NOT NULL,
	`description` text NOT NULL,
	`quantity` integer NOT NULL,
	`unit_price` integer NOT NULL,
	`is_phone` integer DEFAULT false NOT NULL,
	`features` text NOT NULL,
	`features_source` text,
	`serial_norm` text,
	`imei_norm` text,
	`chassis_norm` text,
	`plate_norm` text,
	`status` text DEFAULT 'held' NOT NULL,
	FOREIGN KEY (`tradein_id`) REFERENCES `tradeins`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `items_tradein_line` ON `tradein_items` (`tradein_id`,`line_no`);--> statement-breakpoint
CREATE INDEX `items_serial` ON `tradein_items` (`serial_norm`);--> statement-breakpoint
CREATE INDEX `items_imei` ON `tradein_items` (`imei_norm`);--> statement-breakpoint
CREATE INDEX `items_chassis` ON `tradein_items` (`chassis_norm`);--> statement-breakpoint
CREATE INDEX `items_plate` ON `tradein_items` (`plate_norm`);--> statement-breakpoint
CREATE INDEX `items_store_status` ON `tradein_items` (`store_id`,`status`);--> statement-breakpoint
CREATE TABLE `tradein_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`tradein_id` text NOT NULL,
	`version` integer NOT NULL,
	`snapshot` text NOT NULL,
	`changed_fields` text NOT NULL,
	`reason` text NOT NULL,
	`author_id` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`tradein_id`) REFERENCES `tradeins`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `versions_tradein_version` ON `tradein_versions` (`tradein_id`,`version`);--> statement-breakpoint
CREATE TABLE `tradeins` (
	`id` text PRIMARY KEY NOT NULL,
	`store_id` text NOT NULL,
	`kind` text NOT NULL,
	`channel` text NOT NULL,
	`occurred_at` text NOT NULL,
	`business_date` text NOT NULL,
	`status` text NOT NULL,
	`customer_id` text,
	`cp_name` text,
	`cp_kana_name` text,
	`cp_address` text,
	`cp_occupation` text,
	`cp_date_of_birth` text,
	`cp_name_norm` text,
	`guardian` text,
	`buyback_of_disposal_id` text,
	`total` integer NOT NULL,
	`identity_required` integer NOT NULL,
	`ledger_required` integer NOT NULL,
	`notes` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_by` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`completed_at` text,
	`completed_by` text,
	`anonymized_at` text,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`completed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `tradeins_store_date` ON `tradeins` (`store_id`,`business_date`);--> statement-breakpoint
CREATE INDEX `tradeins_cp_name_dob` ON `tradeins` (`cp_name_norm`,`cp_date_of_birth`);--> statement-breakpoint
CREATE INDEX `tradeins_customer` ON `tradeins` (`customer_id`);--> statement-breakpoint
CREATE TABLE `verifications` (
	`tradein_id` text PRIMARY KEY NOT NULL,
	`method` text NOT NULL,
	`document_type` text,
	`status` text NOT NULL,
	`input` text NOT NULL,
	`assessment` text NOT NULL,
	`ledger_label` text NOT NULL,
	`recorded_by` text,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`tradein_id`) REFERENCES `tradeins`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `stores` ADD `is_signature_verifier` integer DEFAULT false NOT NULL;