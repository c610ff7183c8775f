CREATE TABLE "reporting_account_rollups" (
	"account_id" integer NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"name" text NOT NULL,
	"count" integer NOT NULL,
	"sum" double precision NOT NULL,
	"sum_in_business_hours" double precision NOT NULL,
	CONSTRAINT "reporting_account_rollups_account_id_bucket_name_pk" PRIMARY KEY("account_id","bucket","name")
);
--> statement-breakpoint
ALTER TABLE "reporting_account_rollups" ADD CONSTRAINT "reporting_account_rollups_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Hourly totals over all inboxes (schema/reports.ts reportingAccountRollups), kept like 0045's:
-- one grouped upsert (insert) or update (delete) per statement.
CREATE FUNCTION reporting_account_rollups_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO reporting_account_rollups AS r (account_id, bucket, name, count, sum, sum_in_business_hours)
  SELECT account_id, date_trunc('hour', event_end_time, 'UTC'), name, count(*), sum(value), sum(value_in_business_hours)
  FROM new_events GROUP BY 1, 2, 3
  ON CONFLICT (account_id, bucket, name) DO UPDATE
    SET count = r.count + excluded.count, sum = r.sum + excluded.sum, sum_in_business_hours = r.sum_in_business_hours + excluded.sum_in_business_hours;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION reporting_account_rollups_subtract() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE reporting_account_rollups r
  SET count = r.count - o.n, sum = r.sum - o.s, sum_in_business_hours = r.sum_in_business_hours - o.sb
  FROM (SELECT account_id, date_trunc('hour', event_end_time, 'UTC') AS bucket, name, count(*) AS n, sum(value) AS s, sum(value_in_business_hours) AS sb
        FROM old_events GROUP BY 1, 2, 3) o
  WHERE r.account_id = o.account_id AND r.bucket = o.bucket AND r.name = o.name;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER reporting_events_account_rollup_insert AFTER INSERT ON reporting_events REFERENCING NEW TABLE AS new_events FOR EACH STATEMENT EXECUTE FUNCTION reporting_account_rollups_add();
--> statement-breakpoint
CREATE TRIGGER reporting_events_account_rollup_delete AFTER DELETE ON reporting_events REFERENCING OLD TABLE AS old_events FOR EACH STATEMENT EXECUTE FUNCTION reporting_account_rollups_subtract();
--> statement-breakpoint
INSERT INTO reporting_account_rollups (account_id, bucket, name, count, sum, sum_in_business_hours)
SELECT account_id, date_trunc('hour', event_end_time, 'UTC'), name, count(*), sum(value), sum(value_in_business_hours)
FROM reporting_events GROUP BY 1, 2, 3;
