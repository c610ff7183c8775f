CREATE TABLE "reporting_hourly_values" (
	"account_id" integer NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"name" text NOT NULL,
	"count" integer NOT NULL,
	"sorted_values" "bytea" NOT NULL,
	"sorted_values_in_business_hours" "bytea" NOT NULL,
	CONSTRAINT "reporting_hourly_values_account_id_hour_name_pk" PRIMARY KEY("account_id","hour","name")
);
--> statement-breakpoint
ALTER TABLE "reporting_hourly_values" ADD CONSTRAINT "reporting_hourly_values_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Packed sorted values per UTC hour (schema/reports.ts reportingHourlyValues), rebuilt from the
-- events like the daily ones of 0049 (lock the row, then rebuild in a later statement).
CREATE FUNCTION reporting_hourly_values_rebuild(p_account integer, p_hour timestamptz, p_name text, p_create boolean) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF p_create THEN
    INSERT INTO reporting_hourly_values (account_id, hour, name, count, sorted_values, sorted_values_in_business_hours)
    VALUES (p_account, p_hour, p_name, 0, ''::bytea, ''::bytea) ON CONFLICT DO NOTHING;
  END IF;
  PERFORM 1 FROM reporting_hourly_values r WHERE r.account_id = p_account AND r.hour = p_hour AND r.name = p_name FOR UPDATE;
  IF NOT FOUND THEN RETURN; END IF;
  UPDATE reporting_hourly_values r SET count = e.total, sorted_values = e.vs, sorted_values_in_business_hours = e.bs
  FROM (SELECT count(*)::int AS total,
          coalesce(string_agg(float8send(x.value), ''::bytea ORDER BY x.value), ''::bytea) AS vs,
          coalesce(string_agg(float8send(x.value_in_business_hours), ''::bytea ORDER BY x.value_in_business_hours), ''::bytea) AS bs
        FROM reporting_events x
        WHERE x.account_id = p_account AND x.name = p_name AND x.event_end_time >= p_hour AND x.event_end_time < p_hour + interval '1 hour') e
  WHERE r.account_id = p_account AND r.hour = p_hour AND r.name = p_name;
END $$;
--> statement-breakpoint
CREATE FUNCTION reporting_hourly_values_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE t record;
BEGIN
  FOR t IN SELECT DISTINCT account_id, date_trunc('hour', event_end_time, 'UTC') AS hour, name FROM new_events
           WHERE name IN ('first_response', 'reply_time', 'conversation_resolved') ORDER BY 1, 2, 3 LOOP
    PERFORM reporting_hourly_values_rebuild(t.account_id, t.hour, t.name, true);
  END LOOP;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION reporting_hourly_values_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE t record;
BEGIN
  FOR t IN SELECT DISTINCT account_id, date_trunc('hour', event_end_time, 'UTC') AS hour, name FROM old_events
           WHERE name IN ('first_response', 'reply_time', 'conversation_resolved') ORDER BY 1, 2, 3 LOOP
    PERFORM reporting_hourly_values_rebuild(t.account_id, t.hour, t.name, false);
  END LOOP;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Named after the daily triggers' "reporting_events_daily_values_*": triggers fire in name order,
-- so every writer locks a day's row before its hours' rows (one order: no deadlock between them).
CREATE TRIGGER reporting_events_hourly_values_insert AFTER INSERT ON reporting_events REFERENCING NEW TABLE AS new_events FOR EACH STATEMENT EXECUTE FUNCTION reporting_hourly_values_after_insert();
--> statement-breakpoint
CREATE TRIGGER reporting_events_hourly_values_delete AFTER DELETE ON reporting_events REFERENCING OLD TABLE AS old_events FOR EACH STATEMENT EXECUTE FUNCTION reporting_hourly_values_after_delete();
--> statement-breakpoint
-- The float8[] arrays of 0047 are no longer read: stop keeping them (the table goes in 0051).
DROP TRIGGER reporting_events_value_rollup_insert ON reporting_events;
--> statement-breakpoint
DROP TRIGGER reporting_events_value_rollup_delete ON reporting_events;
--> statement-breakpoint
DROP FUNCTION reporting_value_rollups_add();
--> statement-breakpoint
DROP FUNCTION reporting_value_rollups_subtract();
--> statement-breakpoint
DROP FUNCTION reporting_sorted_merge(float8[], float8[]);
--> statement-breakpoint
DROP FUNCTION reporting_sorted_minus(float8[], float8[]);
--> statement-breakpoint
INSERT INTO reporting_hourly_values (account_id, hour, name, count, sorted_values, sorted_values_in_business_hours)
SELECT account_id, date_trunc('hour', event_end_time, 'UTC'), name, count(*),
  string_agg(float8send(value), ''::bytea ORDER BY value), string_agg(float8send(value_in_business_hours), ''::bytea ORDER BY value_in_business_hours)
FROM reporting_events WHERE name IN ('first_response', 'reply_time', 'conversation_resolved') GROUP BY 1, 2, 3;
