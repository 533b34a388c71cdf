CREATE TABLE `id_documents` (
	`id` text PRIMARY KEY NOT NULL,
	`store_id` text NOT NULL,
	`tradein_id` text,
	`document_type` text NOT NULL,
	`side` text NOT NULL,
	`blob_key` text,
	`sha256` text,
	`width` integer NOT NULL,
	`height` integer NOT NULL,
	`extraction` text NOT NULL,
	`cross_check` text NOT NULL,
	`acknowledged_at` text,
	`acknowledged_by` text,
	`created_by` text,
	`created_at` text NOT NULL,
	`anonymized_at` text,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`tradein_id`) REFERENCES `tradeins`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`acknowledged_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `id_documents_tradein` ON `id_documents` (`tradein_id`);--> statement-breakpoint
CREATE INDEX `id_documents_store` ON `id_documents` (`store_id`,`created_at`);