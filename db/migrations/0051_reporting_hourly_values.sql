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
-- Packed sorted values per UTC hour (schema/reports.ts reportingHourlyValues). The rebuild from the
-- events (as 0049's for days: lock the row, then rebuild in a later statement) is kept for the
-- cases the incremental upkeep below does not take.
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
-- Incremental upkeep of packed sorted values. For float8 values whose sign bit is clear (every
-- duration is >= 0), comparing the 8 big-endian bytes (bytea compares bytes) orders them as numbers,
-- so a few values go in or out by binary search over 8-byte slices: no sort of the day. A value
-- with the sign bit set (negative, -0) or a big statement (a backfill) rebuilds from the events.
CREATE FUNCTION reporting_packed_lower_bound(a bytea, v bytea) RETURNS integer LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE lo integer := 0; hi integer := length(a) / 8; mid integer;
BEGIN
  WHILE lo < hi LOOP
    mid := (lo + hi) / 2;
    IF substring(a FROM mid * 8 + 1 FOR 8) < v THEN lo := mid + 1; ELSE hi := mid; END IF;
  END LOOP;
  RETURN lo;
END $$;
--> statement-breakpoint
-- a with each of vs's values put in its place (both packed and sorted).
CREATE FUNCTION reporting_packed_merge(a bytea, vs bytea) RETURNS bytea LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE v bytea; at integer;
BEGIN
  FOR i IN 0 .. length(vs) / 8 - 1 LOOP
    v := substring(vs FROM i * 8 + 1 FOR 8);
    at := reporting_packed_lower_bound(a, v);
    a := substring(a FROM 1 FOR at * 8) || v || substring(a FROM at * 8 + 1);
  END LOOP;
  RETURN a;
END $$;
--> statement-breakpoint
-- a without one occurrence of each of vs's values (two equal values stay one when one goes).
CREATE FUNCTION reporting_packed_minus(a bytea, vs bytea) RETURNS bytea LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE v bytea; at integer;
BEGIN
  FOR i IN 0 .. length(vs) / 8 - 1 LOOP
    v := substring(vs FROM i * 8 + 1 FOR 8);
    at := reporting_packed_lower_bound(a, v);
    IF substring(a FROM at * 8 + 1 FOR 8) = v THEN
      a := substring(a FROM 1 FOR at * 8) || substring(a FROM at * 8 + 9);
    END IF;
  END LOOP;
  RETURN a;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION reporting_hourly_values_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE t record;
BEGIN
  -- In key order, so two statements touching the same rows lock them in the same order.
  FOR t IN SELECT account_id, date_trunc('hour', event_end_time, 'UTC') AS at, name, count(*)::int AS n,
             string_agg(float8send(value), ''::bytea ORDER BY value) AS vs,
             string_agg(float8send(value_in_business_hours), ''::bytea ORDER BY value_in_business_hours) AS bs,
             bool_or(float8send(value) >= '\x80'::bytea OR float8send(value_in_business_hours) >= '\x80'::bytea) AS signed
           FROM new_events WHERE name IN ('first_response', 'reply_time', 'conversation_resolved') GROUP BY 1, 2, 3 ORDER BY 1, 2, 3 LOOP
    IF t.signed OR t.n > 64 THEN
      PERFORM reporting_hourly_values_rebuild(t.account_id, t.at, t.name, true);
    ELSE
      -- ON CONFLICT works on the row's latest version (after waiting for its writer): no lost update.
      INSERT INTO reporting_hourly_values AS r (account_id, hour, name, count, sorted_values, sorted_values_in_business_hours)
      VALUES (t.account_id, t.at, t.name, t.n, t.vs, t.bs)
      ON CONFLICT (account_id, hour, name) DO UPDATE
        SET count = r.count + excluded.count,
            sorted_values = reporting_packed_merge(r.sorted_values, excluded.sorted_values),
            sorted_values_in_business_hours = reporting_packed_merge(r.sorted_values_in_business_hours, excluded.sorted_values_in_business_hours);
    END IF;
  END LOOP;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION reporting_hourly_values_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE t record;
BEGIN
  FOR t IN SELECT account_id, date_trunc('hour', event_end_time, 'UTC') AS at, name, count(*)::int AS n,
             string_agg(float8send(value), ''::bytea ORDER BY value) AS vs,
             string_agg(float8send(value_in_business_hours), ''::bytea ORDER BY value_in_business_hours) AS bs,
             bool_or(float8send(value) >= '\x80'::bytea OR float8send(value_in_business_hours) >= '\x80'::bytea) AS signed
           FROM old_events WHERE name IN ('first_response', 'reply_time', 'conversation_resolved') GROUP BY 1, 2, 3 ORDER BY 1, 2, 3 LOOP
    IF t.signed OR t.n > 64 THEN
      PERFORM reporting_hourly_values_rebuild(t.account_id, t.at, t.name, false);
    ELSE
      UPDATE reporting_hourly_values r
      SET count = r.count - t.n,
          sorted_values = reporting_packed_minus(r.sorted_values, t.vs),
          sorted_values_in_business_hours = reporting_packed_minus(r.sorted_values_in_business_hours, t.bs)
      WHERE r.account_id = t.account_id AND r.hour = t.at AND r.name = t.name;
    END IF;
  END LOOP;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- The daily rows of 0049 kept the same way (they rebuilt the whole day on every write).
CREATE OR REPLACE FUNCTION reporting_daily_values_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE t record;
BEGIN
  -- In key order, so two statements touching the same rows lock them in the same order.
  FOR t IN SELECT account_id, date_trunc('day', event_end_time, 'UTC') AS at, name, count(*)::int AS n,
             string_agg(float8send(value), ''::bytea ORDER BY value) AS vs,
             string_agg(float8send(value_in_business_hours), ''::bytea ORDER BY value_in_business_hours) AS bs,
             bool_or(float8send(value) >= '\x80'::bytea OR float8send(value_in_business_hours) >= '\x80'::bytea) AS signed
           FROM new_events WHERE name IN ('first_response', 'reply_time', 'conversation_resolved') GROUP BY 1, 2, 3 ORDER BY 1, 2, 3 LOOP
    IF t.signed OR t.n > 64 THEN
      PERFORM reporting_daily_values_rebuild(t.account_id, t.at, t.name, true);
    ELSE
      -- ON CONFLICT works on the row's latest version (after waiting for its writer): no lost update.
      INSERT INTO reporting_daily_values AS r (account_id, day, name, count, sorted_values, sorted_values_in_business_hours)
      VALUES (t.account_id, t.at, t.name, t.n, t.vs, t.bs)
      ON CONFLICT (account_id, day, name) DO UPDATE
        SET count = r.count + excluded.count,
            sorted_values = reporting_packed_merge(r.sorted_values, excluded.sorted_values),
            sorted_values_in_business_hours = reporting_packed_merge(r.sorted_values_in_business_hours, excluded.sorted_values_in_business_hours);
    END IF;
  END LOOP;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION reporting_daily_values_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE t record;
BEGIN
  FOR t IN SELECT account_id, date_trunc('day', event_end_time, 'UTC') AS at, name, count(*)::int AS n,
             string_agg(float8send(value), ''::bytea ORDER BY value) AS vs,
             string_agg(float8send(value_in_business_hours), ''::bytea ORDER BY value_in_business_hours) AS bs,
             bool_or(float8send(value) >= '\x80'::bytea OR float8send(value_in_business_hours) >= '\x80'::bytea) AS signed
           FROM old_events WHERE name IN ('first_response', 'reply_time', 'conversation_resolved') GROUP BY 1, 2, 3 ORDER BY 1, 2, 3 LOOP
    IF t.signed OR t.n > 64 THEN
      PERFORM reporting_daily_values_rebuild(t.account_id, t.at, t.name, false);
    ELSE
      UPDATE reporting_daily_values r
      SET count = r.count - t.n,
          sorted_values = reporting_packed_minus(r.sorted_values, t.vs),
          sorted_values_in_business_hours = reporting_packed_minus(r.sorted_values_in_business_hours, t.bs)
      WHERE r.account_id = t.account_id AND r.day = t.at AND r.name = t.name;
    END IF;
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
-- The float8[] arrays of 0047 are no longer read: stop keeping them (the table goes in 0052).
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
