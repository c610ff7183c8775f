CREATE TABLE "reporting_daily_rollups" (
	"account_id" integer NOT NULL,
	"day" timestamp with time zone NOT NULL,
	"name" text NOT NULL,
	"inbox_id" integer NOT NULL,
	"count" integer NOT NULL,
	"sum" double precision NOT NULL,
	"sum_in_business_hours" double precision NOT NULL,
	CONSTRAINT "reporting_daily_rollups_account_id_day_name_inbox_id_pk" PRIMARY KEY("account_id","day","name","inbox_id")
);
--> statement-breakpoint
CREATE TABLE "reporting_daily_values" (
	"account_id" integer NOT NULL,
	"day" timestamp with time zone NOT NULL,
	"name" text NOT NULL,
	"count" integer NOT NULL,
	"sorted_values" "bytea" NOT NULL,
	"sorted_values_in_business_hours" "bytea" NOT NULL,
	CONSTRAINT "reporting_daily_values_account_id_day_name_pk" PRIMARY KEY("account_id","day","name")
);
--> statement-breakpoint
ALTER TABLE "reporting_daily_rollups" ADD CONSTRAINT "reporting_daily_rollups_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reporting_daily_values" ADD CONSTRAINT "reporting_daily_values_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Daily (UTC) totals beside the hourly ones of 0045 (schema/reports.ts reportingDailyRollups), kept
-- the same way: one grouped upsert (insert) or update (delete) per statement.
CREATE FUNCTION reporting_daily_rollups_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO reporting_daily_rollups AS r (account_id, day, name, inbox_id, count, sum, sum_in_business_hours)
  SELECT account_id, date_trunc('day', event_end_time, 'UTC'), name, inbox_id, count(*), sum(value), sum(value_in_business_hours)
  FROM new_events GROUP BY 1, 2, 3, 4
  ON CONFLICT (account_id, day, name, inbox_id) DO UPDATE
    SET count = r.count + excluded.count, sum = r.sum + excluded.sum, sum_in_business_hours = r.sum_in_business_hours + excluded.sum_in_business_hours;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION reporting_daily_rollups_subtract() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE reporting_daily_rollups r
  SET count = r.count - o.n, sum = r.sum - o.s, sum_in_business_hours = r.sum_in_business_hours - o.sb
  FROM (SELECT account_id, date_trunc('day', event_end_time, 'UTC') AS day, name, inbox_id, count(*) AS n, sum(value) AS s, sum(value_in_business_hours) AS sb
        FROM old_events GROUP BY 1, 2, 3, 4) o
  WHERE r.account_id = o.account_id AND r.day = o.day AND r.name = o.name AND r.inbox_id = o.inbox_id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER reporting_events_daily_rollup_insert AFTER INSERT ON reporting_events REFERENCING NEW TABLE AS new_events FOR EACH STATEMENT EXECUTE FUNCTION reporting_daily_rollups_add();
--> statement-breakpoint
CREATE TRIGGER reporting_events_daily_rollup_delete AFTER DELETE ON reporting_events REFERENCING OLD TABLE AS old_events FOR EACH STATEMENT EXECUTE FUNCTION reporting_daily_rollups_subtract();
--> statement-breakpoint
-- Packed sorted values per UTC day (schema/reports.ts reportingDailyValues): stored as they are
-- read, uncompressed (random float bits barely compress, and decompressing costs every read).
ALTER TABLE "reporting_daily_values" ALTER COLUMN "sorted_values" SET STORAGE EXTERNAL, ALTER COLUMN "sorted_values_in_business_hours" SET STORAGE EXTERNAL;
--> statement-breakpoint
-- One day's values rebuilt from the events. The row is locked first; the rebuild is a later
-- statement, so (READ COMMITTED) its snapshot holds what a concurrent writer we waited for
-- committed: no lost update. `p_create` is false on deletes (an account being deleted must not get
-- a new row; a missing row has nothing to take out).
CREATE FUNCTION reporting_daily_values_rebuild(p_account integer, p_day timestamptz, p_name text, p_create boolean) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF p_create THEN
    INSERT INTO reporting_daily_values (account_id, day, name, count, sorted_values, sorted_values_in_business_hours)
    VALUES (p_account, p_day, p_name, 0, ''::bytea, ''::bytea) ON CONFLICT DO NOTHING;
  END IF;
  PERFORM 1 FROM reporting_daily_values r WHERE r.account_id = p_account AND r.day = p_day AND r.name = p_name FOR UPDATE;
  IF NOT FOUND THEN RETURN; END IF;
  UPDATE reporting_daily_values r SET count = e.total, sorted_values = e.vs, sorted_values_in_business_hours = e.bs
  FROM (SELECT count(*)::int AS total,
          coalesce(string_agg(float8send(x.value), ''::bytea ORDER BY x.value), ''::bytea) AS vs,
          coalesce(string_agg(float8send(x.value_in_business_hours), ''::bytea ORDER BY x.value_in_business_hours), ''::bytea) AS bs
        FROM reporting_events x
        WHERE x.account_id = p_account AND x.name = p_name AND x.event_end_time >= p_day AND x.event_end_time < p_day + interval '24 hours') e
  WHERE r.account_id = p_account AND r.day = p_day AND r.name = p_name;
END $$;
--> statement-breakpoint
CREATE FUNCTION reporting_daily_values_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE t record;
BEGIN
  -- In key order, so two statements touching the same days lock them in the same order.
  FOR t IN SELECT DISTINCT account_id, date_trunc('day', event_end_time, 'UTC') AS day, name FROM new_events
           WHERE name IN ('first_response', 'reply_time', 'conversation_resolved') ORDER BY 1, 2, 3 LOOP
    PERFORM reporting_daily_values_rebuild(t.account_id, t.day, t.name, true);
  END LOOP;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION reporting_daily_values_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE t record;
BEGIN
  FOR t IN SELECT DISTINCT account_id, date_trunc('day', event_end_time, 'UTC') AS day, name FROM old_events
           WHERE name IN ('first_response', 'reply_time', 'conversation_resolved') ORDER BY 1, 2, 3 LOOP
    PERFORM reporting_daily_values_rebuild(t.account_id, t.day, t.name, false);
  END LOOP;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER reporting_events_daily_values_insert AFTER INSERT ON reporting_events REFERENCING NEW TABLE AS new_events FOR EACH STATEMENT EXECUTE FUNCTION reporting_daily_values_after_insert();
--> statement-breakpoint
CREATE TRIGGER reporting_events_daily_values_delete AFTER DELETE ON reporting_events REFERENCING OLD TABLE AS old_events FOR EACH STATEMENT EXECUTE FUNCTION reporting_daily_values_after_delete();
--> statement-breakpoint
INSERT INTO reporting_daily_rollups (account_id, day, name, inbox_id, count, sum, sum_in_business_hours)
SELECT account_id, date_trunc('day', event_end_time, 'UTC'), name, inbox_id, count(*), sum(value), sum(value_in_business_hours)
FROM reporting_events GROUP BY 1, 2, 3, 4;
--> statement-breakpoint
INSERT INTO reporting_daily_values (account_id, day, name, count, sorted_values, sorted_values_in_business_hours)
SELECT account_id, date_trunc('day', event_end_time, 'UTC'), name, count(*),
  string_agg(float8send(value), ''::bytea ORDER BY value), string_agg(float8send(value_in_business_hours), ''::bytea ORDER BY value_in_business_hours)
FROM reporting_events WHERE name IN ('first_response', 'reply_time', 'conversation_resolved') GROUP BY 1, 2, 3;
