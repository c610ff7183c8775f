CREATE TABLE "reporting_value_rollups" (
	"account_id" integer NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"name" text NOT NULL,
	"sorted_values" double precision[] NOT NULL,
	"sorted_values_in_business_hours" double precision[] NOT NULL,
	CONSTRAINT "reporting_value_rollups_account_id_bucket_name_pk" PRIMARY KEY("account_id","bucket","name")
);
--> statement-breakpoint
ALTER TABLE "reporting_value_rollups" ADD CONSTRAINT "reporting_value_rollups_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Sorted duration values per hour (schema/reports.ts reportingValueRollups), kept by statement-level
-- triggers next to the totals of 0045: one grouped upsert (or update) per statement.
CREATE FUNCTION reporting_sorted_merge(a float8[], b float8[]) RETURNS float8[] LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(array_agg(v ORDER BY v), '{}') FROM unnest(a || b) v
$$;
--> statement-breakpoint
-- a without one occurrence of each of b's values (a multiset difference), still sorted.
CREATE FUNCTION reporting_sorted_minus(a float8[], b float8[]) RETURNS float8[] LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(array_agg(x.v ORDER BY x.v), '{}')
  FROM (SELECT v, row_number() OVER (PARTITION BY v) AS n FROM unnest(a) v) x
  LEFT JOIN (SELECT v, count(*) AS n FROM unnest(b) v GROUP BY v) d ON d.v = x.v
  WHERE x.n > coalesce(d.n, 0)
$$;
--> statement-breakpoint
CREATE FUNCTION reporting_value_rollups_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO reporting_value_rollups AS r (account_id, bucket, name, sorted_values, sorted_values_in_business_hours)
  SELECT account_id, date_trunc('hour', event_end_time, 'UTC'), name, array_agg(value ORDER BY value), array_agg(value_in_business_hours ORDER BY value_in_business_hours)
  FROM new_events WHERE name IN ('first_response', 'reply_time', 'conversation_resolved') GROUP BY 1, 2, 3
  ON CONFLICT (account_id, bucket, name) DO UPDATE
    SET sorted_values = reporting_sorted_merge(r.sorted_values, excluded.sorted_values),
        sorted_values_in_business_hours = reporting_sorted_merge(r.sorted_values_in_business_hours, excluded.sorted_values_in_business_hours);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION reporting_value_rollups_subtract() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE reporting_value_rollups r
  SET sorted_values = reporting_sorted_minus(r.sorted_values, o.vs),
      sorted_values_in_business_hours = reporting_sorted_minus(r.sorted_values_in_business_hours, o.bs)
  FROM (SELECT account_id, date_trunc('hour', event_end_time, 'UTC') AS bucket, name, array_agg(value) AS vs, array_agg(value_in_business_hours) AS bs
        FROM old_events WHERE name IN ('first_response', 'reply_time', 'conversation_resolved') GROUP BY 1, 2, 3) o
  WHERE r.account_id = o.account_id AND r.bucket = o.bucket AND r.name = o.name;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER reporting_events_value_rollup_insert AFTER INSERT ON reporting_events REFERENCING NEW TABLE AS new_events FOR EACH STATEMENT EXECUTE FUNCTION reporting_value_rollups_add();
--> statement-breakpoint
CREATE TRIGGER reporting_events_value_rollup_delete AFTER DELETE ON reporting_events REFERENCING OLD TABLE AS old_events FOR EACH STATEMENT EXECUTE FUNCTION reporting_value_rollups_subtract();
--> statement-breakpoint
INSERT INTO reporting_value_rollups (account_id, bucket, name, sorted_values, sorted_values_in_business_hours)
SELECT account_id, date_trunc('hour', event_end_time, 'UTC'), name, array_agg(value ORDER BY value), array_agg(value_in_business_hours ORDER BY value_in_business_hours)
FROM reporting_events WHERE name IN ('first_response', 'reply_time', 'conversation_resolved') GROUP BY 1, 2, 3;
