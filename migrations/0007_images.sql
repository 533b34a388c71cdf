CREATE TABLE `photo_disclosures` (
	`id` text PRIMARY KEY NOT NULL,
	`photo_id` text NOT NULL,
	`store_id` text NOT NULL,
	`rendition` text NOT NULL,
	`sha256` text NOT NULL,
	`channel` text NOT NULL,
	`recipient_user_id` text,
	`recipient_name` text NOT NULL,
	`provision_record_id` text,
	`provision_note` text,
	`disclosed_at` text NOT NULL,
	FOREIGN KEY (`photo_id`) REFERENCES `photos`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recipient_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `photo_disclosures_photo` ON `photo_disclosures` (`photo_id`,`disclosed_at`);--> statement-breakpoint
CREATE INDEX `photo_disclosures_recipient` ON `photo_disclosures` (`recipient_user_id`,`disclosed_at`);--> statement-breakpoint
CREATE TABLE `photo_regions` (
	`id` text PRIMARY KEY NOT NULL,
	`photo_id` text NOT NULL,
	`kind` text NOT NULL,
	`source` text NOT NULL,
	`detector` text,
	`confidence` real,
	`x` integer NOT NULL,
	`y` integer NOT NULL,
	`width` integer NOT NULL,
	`height` integer NOT NULL,
	`status` text NOT NULL,
	`dismiss_reason` text,
	`never_publish` integer NOT NULL,
	`created_by` text,
	`created_at` text NOT NULL,
	`decided_by` text,
	`decided_at` text,
	FOREIGN KEY (`photo_id`) REFERENCES `photos`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `photo_regions_photo` ON `photo_regions` (`photo_id`);--> statement-breakpoint
CREATE TABLE `photos` (
	`id` text PRIMARY KEY NOT NULL,
	`store_id` text NOT NULL,
	`tradein_id` text NOT NULL,
	`item_id` text NOT NULL,
	`subject` text NOT NULL,
	`format` text NOT NULL,
	`width` integer NOT NULL,
	`height` integer NOT NULL,
	`original_blob_key` text,
	`original_sha256` text NOT NULL,
	`original_size` integer NOT NULL,
	`redacted_blob_key` text,
	`redacted_sha256` text,
	`thumb_blob_key` text,
	`thumb_sha256` text,
	`rendition_regions_hash` text,
	`rendered_at` text,
	`proposal_status` text NOT NULL,
	`proposal_attempts` integer DEFAULT 0 NOT NULL,
	`proposal_error` text,
	`proposal_summary` text,
	`proposal_updated_at` text NOT NULL,
	`created_by` text,
	`created_at` text NOT NULL,
	`anonymized_at` text,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`tradein_id`) REFERENCES `tradeins`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`item_id`) REFERENCES `tradein_items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `photos_item` ON `photos` (`item_id`);--> statement-breakpoint
CREATE INDEX `photos_tradein` ON `photos` (`tradein_id`);--> statement-breakpoint
CREATE INDEX `photos_store` ON `photos` (`store_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `photos_proposal` ON `photos` (`proposal_status`);--> statement-breakpoint
ALTER TABLE `opt_outs` ADD `subject_type` text DEFAULT 'customer' NOT NULL;--> statement-breakpoint
ALTER TABLE `opt_outs` ADD `subject_tradein_id` text REFERENCES tradeins(id);--> statement-breakpoint
ALTER TABLE `opt_outs` ADD `subject_norm` text;--> statement-breakpoint
ALTER TABLE `opt_outs` ADD `received_on` text;--> statement-breakpoint
ALTER TABLE `opt_outs` ADD `dealer_user_id` text REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `opt_outs` ADD `note` text;--> statement-breakpoint
ALTER TABLE `opt_outs` ADD `revoked_received_on` text;--> statement-breakpoint
ALTER TABLE `opt_outs` ADD `revoke_note` text;--> statement-breakpoint
CREATE INDEX `opt_outs_subject` ON `opt_outs` (`subject_type`,`subject_norm`);--> statement-breakpoint
CREATE INDEX `opt_outs_tradein` ON `opt_outs` (`subject_tradein_id`);--> statement-breakpoint
CREATE INDEX `opt_outs_dealer` ON `opt_outs` (`dealer_user_id`);