CREATE TABLE "reporting_rollups" (
	"account_id" integer NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"name" text NOT NULL,
	"inbox_id" integer NOT NULL,
	"count" integer NOT NULL,
	"sum" double precision NOT NULL,
	"sum_in_business_hours" double precision NOT NULL,
	CONSTRAINT "reporting_rollups_account_id_bucket_name_inbox_id_pk" PRIMARY KEY("account_id","bucket","name","inbox_id")
);
--> statement-breakpoint
DROP INDEX "reporting_events_range_idx";--> statement-breakpoint
ALTER TABLE "reporting_rollups" ADD CONSTRAINT "reporting_rollups_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reporting_events_range_idx" ON "reporting_events" USING btree ("account_id","name","event_end_time","value","value_in_business_hours","inbox_id");--> statement-breakpoint
-- Hourly rollups kept by statement-level triggers (schema/reports.ts reportingRollups): one
-- upsert per statement, grouped, so a batch insert of events costs one statement more.
CREATE FUNCTION reporting_rollups_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO reporting_rollups AS r (account_id, bucket, name, inbox_id, count, sum, sum_in_business_hours)
  SELECT account_id, date_trunc('hour', event_end_time, 'UTC'), name, inbox_id, count(*), sum(value), sum(value_in_business_hours)
  FROM new_events GROUP BY 1, 2, 3, 4
  ON CONFLICT (account_id, bucket, name, inbox_id) DO UPDATE
    SET count = r.count + excluded.count, sum = r.sum + excluded.sum, sum_in_business_hours = r.sum_in_business_hours + excluded.sum_in_business_hours;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION reporting_rollups_subtract() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE reporting_rollups r
  SET count = r.count - o.n, sum = r.sum - o.s, sum_in_business_hours = r.sum_in_business_hours - o.sb
  FROM (SELECT account_id, date_trunc('hour', event_end_time, 'UTC') AS bucket, name, inbox_id, count(*) AS n, sum(value) AS s, sum(value_in_business_hours) AS sb
        FROM old_events GROUP BY 1, 2, 3, 4) o
  WHERE r.account_id = o.account_id AND r.bucket = o.bucket AND r.name = o.name AND r.inbox_id = o.inbox_id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER reporting_events_rollup_insert AFTER INSERT ON reporting_events REFERENCING NEW TABLE AS new_events FOR EACH STATEMENT EXECUTE FUNCTION reporting_rollups_add();
--> statement-breakpoint
CREATE TRIGGER reporting_events_rollup_delete AFTER DELETE ON reporting_events REFERENCING OLD TABLE AS old_events FOR EACH STATEMENT EXECUTE FUNCTION reporting_rollups_subtract();
--> statement-breakpoint
-- Events are never updated (written once by key); an update would have to move its totals.
CREATE FUNCTION reporting_events_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'reporting_events rows are not updated: delete and insert them';
END $$;
--> statement-breakpoint
CREATE TRIGGER reporting_events_no_update BEFORE UPDATE ON reporting_events FOR EACH STATEMENT EXECUTE FUNCTION reporting_events_immutable();
--> statement-breakpoint
INSERT INTO reporting_rollups (account_id, bucket, name, inbox_id, count, sum, sum_in_business_hours)
SELECT account_id, date_trunc('hour', event_end_time, 'UTC'), name, inbox_id, count(*), sum(value), sum(value_in_business_hours)
FROM reporting_events GROUP BY 1, 2, 3, 4;
