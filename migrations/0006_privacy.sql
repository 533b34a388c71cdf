CREATE TABLE `customer_corrections` (
	`id` text PRIMARY KEY NOT NULL,
	`customer_id` text NOT NULL,
	`request_id` text,
	`before` text NOT NULL,
	`changed_fields` text NOT NULL,
	`reason` text NOT NULL,
	`author_id` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`request_id`) REFERENCES `privacy_requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `customer_corrections_customer` ON `customer_corrections` (`customer_id`);--> statement-breakpoint
CREATE TABLE `leak_incidents` (
	`id` text PRIMARY KEY NOT NULL,
	`discovered_on` text NOT NULL,
	`summary` text NOT NULL,
	`data_categories` text NOT NULL,
	`affected_count` integer NOT NULL,
	`cause` text NOT NULL,
	`encrypted_high_standard` integer NOT NULL,
	`key_compromised` integer NOT NULL,
	`ledger_affected` integer NOT NULL,
	`triage` text NOT NULL,
	`reportable` integer NOT NULL,
	`preliminary_due` text,
	`final_due` text,
	`created_by` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `marketing_consents` (
	`id` text PRIMARY KEY NOT NULL,
	`customer_id` text NOT NULL,
	`store_id` text NOT NULL,
	`given_on` text NOT NULL,
	`given_by` text,
	`withdrawn_on` text,
	`withdrawn_by` text,
	`withdrawn_source` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`given_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`withdrawn_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `marketing_consents_customer` ON `marketing_consents` (`customer_id`);--> statement-breakpoint
CREATE TABLE `opt_outs` (
	`id` text PRIMARY KEY NOT NULL,
	`customer_id` text NOT NULL,
	`store_id` text NOT NULL,
	`scope` text NOT NULL,
	`source` text NOT NULL,
	`source_id` text,
	`registered_at` text NOT NULL,
	`registered_by` text,
	`revoked_at` text,
	`revoked_by` text,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`registered_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`revoked_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `opt_outs_customer` ON `opt_outs` (`customer_id`,`scope`);--> statement-breakpoint
CREATE TABLE `privacy_disclosures` (
	`id` text PRIMARY KEY NOT NULL,
	`request_id` text NOT NULL,
	`store_id` text NOT NULL,
	`json_blob_key` text,
	`json_sha256` text NOT NULL,
	`pdf_blob_key` text,
	`pdf_sha256` text NOT NULL,
	`granted_by` text,
	`granted_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`json_downloaded_at` text,
	`json_downloaded_by` text,
	`pdf_downloaded_at` text,
	`pdf_downloaded_by` text,
	FOREIGN KEY (`request_id`) REFERENCES `privacy_requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`granted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`json_downloaded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`pdf_downloaded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `privacy_disclosures_request` ON `privacy_disclosures` (`request_id`);--> statement-breakpoint
CREATE TABLE `privacy_keys` (
	`name` text PRIMARY KEY NOT NULL,
	`blob_key` text NOT NULL,
	`fingerprint` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `privacy_purge_lock` (
	`name` text PRIMARY KEY NOT NULL,
	`run_id` text NOT NULL,
	`acquired_at` text NOT NULL,
	`heartbeat_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `privacy_purge_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`trigger` text NOT NULL,
	`status` text NOT NULL,
	`as_of` text NOT NULL,
	`counts` text,
	`error_code` text,
	`actor_id` text,
	`started_at` text NOT NULL,
	`finished_at` text,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `privacy_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`store_id` text NOT NULL,
	`type` text NOT NULL,
	`status` text NOT NULL,
	`outcome` text,
	`received_date` text NOT NULL,
	`due_date` text NOT NULL,
	`subject_mode` text NOT NULL,
	`subject_customer_id` text,
	`subject_name` text,
	`subject_date_of_birth` text,
	`subject_address` text,
	`subject_found` integer NOT NULL,
	`subject_customer_ids` text NOT NULL,
	`identity_method` text NOT NULL,
	`identity_document_type` text NOT NULL,
	`identity_confirmed_by` text,
	`identity_confirmed_on` text NOT NULL,
	`proxy_name` text,
	`proxy_document_type` text,
	`proxy_authority_document` text,
	`fee` integer,
	`delivery_method` text,
	`details` text,
	`result` text,
	`reason_code` text,
	`created_by` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`closed_at` text,
	`closed_by` text,
	`anonymized_at` text,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`identity_confirmed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`closed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `privacy_requests_status_due` ON `privacy_requests` (`status`,`due_date`);--> statement-breakpoint
CREATE INDEX `privacy_requests_store` ON `privacy_requests` (`store_id`,`received_date`);--> statement-breakpoint
CREATE TABLE `provision_records` (
	`id` text PRIMARY KEY NOT NULL,
	`store_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`record_kind` text NOT NULL,
	`recipient_name` text NOT NULL,
	`recipient_address` text,
	`data_items` text NOT NULL,
	`basis` text NOT NULL,
	`consent_obtained_on` text,
	`first_provided_on` text NOT NULL,
	`last_provided_on` text NOT NULL,
	`provisions` integer DEFAULT 1 NOT NULL,
	`retain_until` text NOT NULL,
	`source_kind` text NOT NULL,
	`source_id` text,
	`created_by` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `provision_records_customer` ON `provision_records` (`customer_id`);--> statement-breakpoint
CREATE INDEX `provision_records_date` ON `provision_records` (`last_provided_on`);--> statement-breakpoint
CREATE INDEX `provision_records_retain` ON `provision_records` (`retain_until`);