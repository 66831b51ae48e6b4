-- Measured commitments and published results (Art. 16, 17) for anonymous visitors: functions that
-- return counts only, for active tenants only, so the public never reads a case or a contact.
-- Like the public views, they run with the owner's rights and say exactly what passes.

-- Per active tenant, over [since_day, today]: cases resolved and resolved by the committed due
-- date, ratings counted and satisfied ones (非常满意, 满意, 基本满意). Sensitive cases (Art. 11) count
-- like any other: only numbers leave.
CREATE OR REPLACE FUNCTION tp_public_case_measures(tenant_ids uuid[], since_day date)
  RETURNS TABLE (tenant_id uuid, resolved bigint, resolved_on_time bigint, rated bigint, satisfied bigint)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$
    WITH active AS (
      SELECT t.id FROM public.tenants t
      WHERE t.status = 'ACTIVE' AND (tenant_ids IS NULL OR t.id = ANY (tenant_ids))
    ), res AS (
      SELECT f.tenant_id, count(*) AS resolved, count(*) FILTER (WHERE f.on_time_committed) AS on_time
      FROM public.case_facts f
      WHERE f.resolved_day >= since_day AND f.tenant_id IN (SELECT id FROM active)
      GROUP BY f.tenant_id
    ), rat AS (
      SELECT f.tenant_id, count(*) AS rated, count(*) FILTER (WHERE f.rating >= 3) AS satisfied
      FROM public.case_facts f
      WHERE f.rated_day >= since_day AND f.tenant_id IN (SELECT id FROM active)
      GROUP BY f.tenant_id
    )
    SELECT a.id, coalesce(res.resolved, 0), coalesce(res.on_time, 0), coalesce(rat.rated, 0), coalesce(rat.satisfied, 0)
    FROM active a LEFT JOIN res ON res.tenant_id = a.id LEFT JOIN rat ON rat.tenant_id = a.id
  $$;
--> statement-breakpoint
-- Contacts of one channel arrived since `since`: how many, and how many were answered within
-- `within_seconds` of arriving (for a commitment such as "hotline answered within 3 s").
CREATE OR REPLACE FUNCTION tp_public_contact_measure(tenant uuid, contact_channel text, within_seconds numeric, since timestamptz)
  RETURNS TABLE (total bigint, within bigint)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$
    SELECT count(*),
           count(*) FILTER (WHERE NOT c.abandoned AND c.answered_at IS NOT NULL
                            AND c.answered_at - c.arrived_at <= within_seconds * interval '1 second')
    FROM public.contacts c
    JOIN public.tenants t ON t.id = c.tenant_id AND t.status = 'ACTIVE'
    WHERE c.tenant_id = tenant AND c.channel = contact_channel AND c.arrived_at >= since
  $$;
--> statement-breakpoint
-- Published results ("results" of Art. 17): cases of an active tenant resolved in a period, by
-- service item and outcome. Sensitive cases are left out (Art. 11: no public display).
CREATE OR REPLACE FUNCTION tp_public_results(tenant uuid, from_day date, to_day date)
  RETURNS TABLE (service_item_id uuid, outcome text, cases bigint)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$
    SELECT f.service_item_id, f.outcome, count(*)
    FROM public.case_facts f
    JOIN public.tenants t ON t.id = f.tenant_id AND t.status = 'ACTIVE'
    JOIN public.cases c ON c.id = f.case_id AND NOT c.sensitive
    WHERE f.tenant_id = tenant AND f.resolved_day BETWEEN from_day AND to_day AND f.outcome IS NOT NULL
    GROUP BY f.service_item_id, f.outcome
  $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION tp_public_case_measures(uuid[], date), tp_public_contact_measure(uuid, text, numeric, timestamptz), tp_public_results(uuid, date, date) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION tp_public_case_measures(uuid[], date), tp_public_contact_measure(uuid, text, numeric, timestamptz), tp_public_results(uuid, date, date) TO tianping_app;
