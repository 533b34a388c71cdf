CREATE TABLE `police_exports` (
	`id` text PRIMARY KEY NOT NULL,
	`inquiry_id` text NOT NULL,
	`status` text NOT NULL,
	`records_total` integer NOT NULL,
	`records_done` integer DEFAULT 0 NOT NULL,
	`percent` integer DEFAULT 0 NOT NULL,
	`blob_key` text,
	`sha256` text,
	`size` integer,
	`key_fingerprint` text,
	`summary` text,
	`error_code` text,
	`created_by` text,
	`created_at` text NOT NULL,
	`started_at` text,
	`finished_at` text,
	`downloads` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`inquiry_id`) REFERENCES `police_inquiries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `police_exports_inquiry` ON `police_exports` (`inquiry_id`);--> statement-breakpoint
CREATE TABLE `police_holds` (
	`id` text PRIMARY KEY NOT NULL,
	`item_id` text NOT NULL,
	`tradein_id` text NOT NULL,
	`store_id` text NOT NULL,
	`block_id` text NOT NULL,
	`order_date` text NOT NULL,
	`end_date` text NOT NULL,
	`station` text NOT NULL,
	`officer_name` text NOT NULL,
	`reference_number` text,
	`notes` text,
	`created_by` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `police_holds_block_id_unique` ON `police_holds` (`block_id`);--> statement-breakpoint
CREATE INDEX `police_holds_item` ON `police_holds` (`item_id`);--> statement-breakpoint
CREATE INDEX `police_holds_end` ON `police_holds` (`end_date`);--> statement-breakpoint
CREATE TABLE `police_inquiries` (
	`id` text PRIMARY KEY NOT NULL,
	`reference_number` text NOT NULL,
	`agency` text NOT NULL,
	`station` text NOT NULL,
	`officer_name` text NOT NULL,
	`officer_contact` text,
	`received_date` text NOT NULL,
	`legal_basis` text NOT NULL,
	`legal_basis_text` text,
	`responding_store_id` text NOT NULL,
	`criteria` text NOT NULL,
	`notes` text,
	`status` text NOT NULL,
	`outcome` text,
	`close_note` text,
	`created_by` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`searched_at` text,
	`searched_by` text,
	`approved_at` text,
	`approved_by` text,
	`exported_at` text,
	`closed_at` text,
	`closed_by` text,
	FOREIGN KEY (`responding_store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`searched_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`approved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`closed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `police_inquiries_status` ON `police_inquiries` (`status`,`received_date`);--> statement-breakpoint
CREATE TABLE `police_inquiry_matches` (
	`inquiry_id` text NOT NULL,
	`item_id` text NOT NULL,
	`tradein_id` text NOT NULL,
	`store_id` text NOT NULL,
	`matched_on` text NOT NULL,
	`selected` integer DEFAULT false NOT NULL,
	PRIMARY KEY(`inquiry_id`, `item_id`),
	FOREIGN KEY (`inquiry_id`) REFERENCES `police_inquiries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`item_id`) REFERENCES `tradein_items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`tradein_id`) REFERENCES `tradeins`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `police_notice_items` (
	`id` text PRIMARY KEY NOT NULL,
	`notice_id` text NOT NULL,
	`line_no` integer NOT NULL,
	`description` text NOT NULL,
	`category` text,
	`brand` text,
	`model` text,
	`colour` text,
	`serial_number` text,
	`imei` text,
	`chassis_number` text,
	`plate_number` text,
	`serial_norm` text,
	`imei_norm` text,
	`chassis_norm` text,
	`plate_norm` text,
	`desc_key` text,
	`notes` text,
	`active_until` text NOT NULL,
	FOREIGN KEY (`notice_id`) REFERENCES `police_notices`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `police_notice_items_line` ON `police_notice_items` (`notice_id`,`line_no`);--> statement-breakpoint
CREATE INDEX `police_notice_items_serial` ON `police_notice_items` (`serial_norm`,`active_until`);--> statement-breakpoint
CREATE INDEX `police_notice_items_imei` ON `police_notice_items` (`imei_norm`,`active_until`);--> statement-breakpoint
CREATE INDEX `police_notice_items_chassis` ON `police_notice_items` (`chassis_norm`,`active_until`);--> statement-breakpoint
CREATE INDEX `police_notice_items_plate` ON `police_notice_items` (`plate_norm`,`active_until`);--> statement-breakpoint
CREATE INDEX `police_notice_items_desc` ON `police_notice_items` (`desc_key`,`active_until`);--> statement-breakpoint
CREATE TABLE `police_notice_matches` (
	`id` text PRIMARY KEY NOT NULL,
	`notice_id` text NOT NULL,
	`notice_item_id` text NOT NULL,
	`notice_number` text NOT NULL,
	`item_id` text NOT NULL,
	`tradein_id` text NOT NULL,
	`store_id` text NOT NULL,
	`block_id` text NOT NULL,
	`confidence` text NOT NULL,
	`matched_on` text NOT NULL,
	`phase` text NOT NULL,
	`reported_at` text,
	`reported_station` text,
	`reported_officer` text,
	`false_positive_reason` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `police_notice_matches_block_id_unique` ON `police_notice_matches` (`block_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `police_notice_matches_pair` ON `police_notice_matches` (`notice_item_id`,`item_id`);--> statement-breakpoint
CREATE INDEX `police_notice_matches_notice` ON `police_notice_matches` (`notice_id`);--> statement-breakpoint
CREATE INDEX `police_notice_matches_item` ON `police_notice_matches` (`item_id`);--> statement-breakpoint
CREATE TABLE `police_notices` (
	`id` text PRIMARY KEY NOT NULL,
	`issuing_agency` text NOT NULL,
	`notice_number` text NOT NULL,
	`kind` text NOT NULL,
	`arrival_date` text NOT NULL,
	`active_until` text NOT NULL,
	`notes` text,
	`source` text NOT NULL,
	`created_by` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `police_notices_number` ON `police_notices` (`issuing_agency`,`notice_number`);--> statement-breakpoint
CREATE INDEX `police_notices_active` ON `police_notices` (`active_until`);--> statement-breakpoint
CREATE TABLE `police_provisions` (
	`id` text PRIMARY KEY NOT NULL,
	`inquiry_id` text NOT NULL,
	`export_id` text NOT NULL,
	`agency` text NOT NULL,
	`station` text NOT NULL,
	`officer_name` text NOT NULL,
	`reference_number` text NOT NULL,
	`legal_basis` text NOT NULL,
	`legal_basis_text` text,
	`requested_by` text,
	`approved_by` text,
	`provided_by` text,
	`provided_at` text NOT NULL,
	`data_items` text NOT NULL,
	`records` text NOT NULL,
	`packet_sha256` text NOT NULL,
	FOREIGN KEY (`inquiry_id`) REFERENCES `police_inquiries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`export_id`) REFERENCES `police_exports`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`requested_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`approved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`provided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `police_provisions_export_id_unique` ON `police_provisions` (`export_id`);--> statement-breakpoint
CREATE TABLE `police_suspicion_reports` (
	`id` text PRIMARY KEY NOT NULL,
	`block_id` text NOT NULL,
	`tradein_id` text NOT NULL,
	`store_id` text NOT NULL,
	`reported_at` text NOT NULL,
	`station` text NOT NULL,
	`officer_name` text NOT NULL,
	`channel` text NOT NULL,
	`summary` text NOT NULL,
	`created_by` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `police_suspicion_reports_block_id_unique` ON `police_suspicion_reports` (`block_id`);--> statement-breakpoint
CREATE INDEX `police_suspicion_reports_tradein` ON `police_suspicion_reports` (`tradein_id`);