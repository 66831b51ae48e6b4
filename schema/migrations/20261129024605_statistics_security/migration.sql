-- Statistics, contacts and integration keys (issue: response times, statistics, reports).

-- Working days after `from_day` up to and including `to_day` for a tenant (Art. 15): Monday to
-- Friday, minus the national days off and the tenant's closures, plus make-up workdays. A year
-- with no arrangement counts as plain weeks (as provisional due dates do).
CREATE OR REPLACE FUNCTION tp_working_days_between(tenant uuid, from_day date, to_day date) RETURNS integer
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$
    WITH years AS (
      SELECT h.arrangement FROM public.holiday_years h
      WHERE h.year BETWEEN extract(year FROM from_day)::int AND extract(year FROM to_day)::int
    ), off AS (
      SELECT generate_series(o."from"::date, o."to"::date, interval '1 day')::date AS d
      FROM years y, jsonb_to_recordset(y.arrangement -> 'off') AS o("from" text, "to" text)
    ), makeup AS (
      SELECT m::date AS d FROM years y, jsonb_array_elements_text(y.arrangement -> 'makeupWorkdays') AS m
    )
    SELECT count(*)::int
    FROM generate_series(from_day + 1, to_day, interval '1 day') AS g(ts)
    WHERE ((extract(isodow FROM g.ts) < 6 AND g.ts::date NOT IN (SELECT d FROM off))
           OR g.ts::date IN (SELECT d FROM makeup))
      AND NOT EXISTS (SELECT 1 FROM public.tenant_closures c WHERE c.tenant_id = tenant AND c.day = g.ts::date)
  $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION tp_working_days_between(uuid, date, date) FROM PUBLIC;
--> statement-breakpoint

-- The case's row in case_facts, from its projection. Written by the database whenever a case row
-- is written, so the facts can never disagree with the cases they count.
CREATE OR REPLACE FUNCTION tp_refresh_case_facts(c public.cases) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$
  DECLARE
    p jsonb := c.projection;
    received timestamptz := coalesce((p ->> 'receivedAt')::timestamptz, c.opened_at);
    resolved timestamptz := (p -> 'resolution' ->> 'resolvedAt')::timestamptz;
    statutory_due timestamptz := (p -> 'clocks' -> 'statutory' ->> 'dueAt')::timestamptz;
    committed_due timestamptz := (p -> 'clocks' -> 'committed' ->> 'dueAt')::timestamptz;
    received_day date := ((received AT TIME ZONE 'UTC') + interval '8 hours')::date;
    resolved_day date := ((resolved AT TIME ZONE 'UTC') + interval '8 hours')::date;
    rated timestamptz := (p -> 'rating' ->> 'ratedAt')::timestamptz;
    -- A rating set aside on appeal (Art. 22) no longer counts.
    counted_rating boolean := p -> 'rating' IS NOT NULL AND jsonb_typeof(p -> 'rating') = 'object'
      AND coalesce(p -> 'rating' -> 'appeal' ->> 'status', '') <> 'UPHELD';
    known record;
    days integer;
  BEGIN
    SELECT f.resolved_at, f.working_days, f.tenant_id INTO known FROM public.case_facts f WHERE f.case_id = c.id;
    IF resolved IS NULL THEN
      days := NULL;
    ELSIF known IS NOT NULL AND known.resolved_at = resolved AND known.working_days IS NOT NULL AND known.tenant_id = c.handler_tenant_id THEN
      days := known.working_days;
    ELSE
      days := greatest(0, public.tp_working_days_between(c.handler_tenant_id, received_day, resolved_day)
                          - coalesce((p -> 'clocks' ->> 'pausedWorkingDays')::int, 0));
    END IF;
    INSERT INTO public.case_facts AS f (
      case_id, tenant_id, origin_tenant_id, channel, kind, category, service_item_id, status, outcome,
      received_at, received_day, resolved_at, resolved_day, statutory_due_at, committed_due_at,
      on_time_statutory, on_time_committed, working_days, extended, rating, rated_day, updated_at)
    VALUES (
      c.id, c.handler_tenant_id, c.origin_tenant_id, c.channel, c.kind,
      (SELECT s.category::text FROM public.service_items s WHERE s.id = c.service_item_id), c.service_item_id,
      c.status, p -> 'resolution' ->> 'outcome',
      received, received_day, resolved, resolved_day, statutory_due, committed_due,
      CASE WHEN resolved IS NULL THEN NULL ELSE resolved <= statutory_due END,
      CASE WHEN resolved IS NULL THEN NULL ELSE resolved <= committed_due END,
      days,
      (p -> 'clocks' -> 'statutory' -> 'extension') IS NOT NULL AND jsonb_typeof(p -> 'clocks' -> 'statutory' -> 'extension') = 'object'
        OR (p -> 'clocks' -> 'committed' -> 'extension') IS NOT NULL AND jsonb_typeof(p -> 'clocks' -> 'committed' -> 'extension') = 'object',
      CASE WHEN counted_rating THEN
        CASE p -> 'rating' ->> 'score'
          WHEN 'VERY_SATISFIED' THEN 5 WHEN 'SATISFIED' THEN 4 WHEN 'BASICALLY_SATISFIED' THEN 3
          WHEN 'DISSATISFIED' THEN 2 WHEN 'VERY_DISSATISFIED' THEN 1 END
      END,
      CASE WHEN counted_rating THEN ((rated AT TIME ZONE 'UTC') + interval '8 hours')::date END,
      c.updated_at)
    ON CONFLICT (case_id) DO UPDATE SET
      tenant_id = excluded.tenant_id, channel = excluded.channel, kind = excluded.kind,
      category = excluded.category, service_item_id = excluded.service_item_id, status = excluded.status,
      outcome = excluded.outcome, received_at = excluded.received_at, received_day = excluded.received_day,
      resolved_at = excluded.resolved_at, resolved_day = excluded.resolved_day,
      statutory_due_at = excluded.statutory_due_at, committed_due_at = excluded.committed_due_at,
      on_time_statutory = excluded.on_time_statutory, on_time_committed = excluded.on_time_committed,
      working_days = excluded.working_days, extended = excluded.extended, rating = excluded.rating,
      rated_day = excluded.rated_day, updated_at = excluded.updated_at;
  END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION tp_refresh_case_facts(public.cases) FROM PUBLIC;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION tp_cases_after_write() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$
  BEGIN
    PERFORM public.tp_refresh_case_facts(NEW);
    RETURN NULL;
  END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION tp_cases_after_write() FROM PUBLIC;
--> statement-breakpoint
CREATE TRIGGER cases_facts AFTER INSERT OR UPDATE ON cases FOR EACH ROW EXECUTE FUNCTION tp_cases_after_write();
--> statement-breakpoint
SELECT tp_refresh_case_facts(c) FROM cases c;
--> statement-breakpoint

-- Facts: read over the viewer's subtree; written only by the trigger above.
ALTER TABLE case_facts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE case_facts FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY case_facts_select ON case_facts FOR SELECT TO tianping_app USING (tenant_id IN (SELECT tp_subtree()));
--> statement-breakpoint
GRANT SELECT ON case_facts TO tianping_app;
--> statement-breakpoint

-- Activity: read over the subtree; written with the ledger event, about a case the writer sees.
ALTER TABLE case_activity ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE case_activity FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY case_activity_select ON case_activity FOR SELECT TO tianping_app USING (tenant_id IN (SELECT tp_subtree()));
--> statement-breakpoint
CREATE POLICY case_activity_insert ON case_activity FOR INSERT TO tianping_app WITH CHECK (case_id IN (SELECT c.id FROM cases c));
--> statement-breakpoint
GRANT SELECT, INSERT ON case_activity TO tianping_app;
--> statement-breakpoint

-- Contacts: a tenant records its own (by staff or by its integration key); its supervisors read
-- them over their subtree; staff link them to cases.
ALTER TABLE contacts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE contacts FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY contacts_select ON contacts FOR SELECT TO tianping_app USING (tenant_id IN (SELECT tp_subtree()));
--> statement-breakpoint
CREATE POLICY contacts_insert ON contacts FOR INSERT TO tianping_app WITH CHECK (tenant_id = tp_viewer_tenant());
--> statement-breakpoint
CREATE POLICY contacts_update ON contacts FOR UPDATE TO tianping_app USING (tenant_id = tp_viewer_tenant()) WITH CHECK (tenant_id = tp_viewer_tenant());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON contacts TO tianping_app;
--> statement-breakpoint

-- Integration keys: only the tenant's own (its admins manage them; the use cases check the role).
-- Authentication looks a key up on the owner connection, before the request transaction.
ALTER TABLE api_keys ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE api_keys FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY api_keys_own ON api_keys FOR ALL TO tianping_app USING (tenant_id = tp_viewer_tenant()) WITH CHECK (tenant_id = tp_viewer_tenant());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON api_keys TO tianping_app;
