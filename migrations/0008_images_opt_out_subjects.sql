PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_opt_outs` (
	`id` text PRIMARY KEY NOT NULL,
	`customer_id` text,
	`store_id` text NOT NULL,
	`scope` text NOT NULL,
	`subject_type` text DEFAULT 'customer' NOT NULL,
	`subject_tradein_id` text,
	`subject_norm` text,
	`source` text NOT NULL,
	`source_id` text,
	`received_on` text,
	`dealer_user_id` text,
	`note` text,
	`registered_at` text NOT NULL,
	`registered_by` text,
	`revoked_at` text,
	`revoked_by` text,
	`revoked_received_on` text,
	`revoke_note` text,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`subject_tradein_id`) REFERENCES `tradeins`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`dealer_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`registered_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`revoked_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_opt_outs`("id", "customer_id", "store_id", "scope", "subject_type", "subject_tradein_id", "subject_norm", "source", "source_id", "received_on", "dealer_user_id", "note", "registered_at", "registered_by", "revoked_at", "revoked_by", "revoked_received_on", "revoke_note") SELECT "id", "customer_id", "store_id", "scope", "subject_type", "subject_tradein_id", "subject_norm", "source", "source_id", "received_on", "dealer_user_id", "note", "registered_at", "registered_by", "revoked_at", "revoked_by", "revoked_received_on", "revoke_note" FROM `opt_outs`;--> statement-breakpoint
DROP TABLE `opt_outs`;--> statement-breakpoint
ALTER TABLE `__new_opt_outs` RENAME TO `opt_outs`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `opt_outs_customer` ON `opt_outs` (`customer_id`,`scope`);--> statement-breakpoint
CREATE INDEX `opt_outs_subject` ON `opt_outs` (`subject_type`,`subject_norm`);--> statement-breakpoint
CREATE INDEX `opt_outs_tradein` ON `opt_outs` (`subject_tradein_id`);--> statement-breakpoint
CREATE INDEX `opt_outs_dealer` ON `opt_outs` (`dealer_user_id`);